package org.lianfang.quarantine.cases.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineKind;

/** The bodies the quarantine endpoints accept. Ranges and times are judged by the case's policies. */
final class QuarantineRequests {

    private QuarantineRequests() {
    }

    /**
     * {@code POST /api/v1/quarantines}: an operator starts a case by hand. The community is the
     * caller's; the compound defaults to the one the registry recorded for the person.
     */
    record Start(@NotBlank @Size(max = 64) String personId, @NotNull LocalDate arrivalDate,
                 @NotNull QuarantineKind kind, @NotBlank @Size(max = 200) String reason,
                 @Size(min = 1, max = 64) String compoundId) {
    }

    /** {@code POST .../temperatures}; {@code medic} defaults to the calling medic. */
    record Temperature(@NotNull BigDecimal celsius, @NotNull MeasurementMethod method,
                       @Size(min = 1, max = 64) String medic, @NotNull Instant occurredAt) {
    }

    /** {@code POST .../symptoms}. */
    record Symptoms(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 50) String> symptoms,
                    @Size(max = 500) String notes, @NotNull Instant occurredAt) {
    }

    /** {@code POST .../extension}. */
    record Extension(@NotNull @Min(1) @Max(60) Integer days, @NotBlank @Size(max = 200) String reason) {
    }

    /** {@code POST .../transfer}. */
    record Transfer(@NotBlank @Size(max = 100) String facility, @NotBlank @Size(max = 200) String reason) {
    }

    /** {@code POST .../early-release}. */
    record EarlyRelease(@NotBlank @Size(max = 200) String reason) {
    }
}
