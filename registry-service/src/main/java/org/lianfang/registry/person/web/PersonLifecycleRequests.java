package org.lianfang.registry.person.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.lianfang.contracts.registry.NoticeKind;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.TraceCallOutcome;

/**
 * The bodies of the person's sub-resources. A missing time means "now"; a missing staff member
 * means the actor of the request.
 */
final class PersonLifecycleRequests {

    private PersonLifecycleRequests() {
    }

    /** {@code POST /persons/{id}/trace-calls}. */
    record TraceCall(@NotNull TraceCallOutcome outcome, @Size(max = 50) String calledBy,
            @PastOrPresent Instant calledAt, @Size(max = 500) String note, Instant occurredAt) {
    }

    /** {@code POST /persons/{id}/verification}. */
    record Verification(@NotNull Boolean inHomeQuarantine, @Size(max = 50) String verifiedBy,
            @PastOrPresent Instant verifiedAt) {
    }

    /** {@code POST /persons/{id}/departure}. */
    record Departure(@NotBlank @Size(max = 100) String destination, @PastOrPresent Instant departedAt) {
    }

    /** {@code POST /persons/{id}/notices}. */
    record Notice(@NotNull NoticeKind kind, @PastOrPresent Instant signedAt) {
    }

    /** {@code POST /persons/{id}/colour-override}. */
    record ColourOverride(@NotNull RiskColour colour, @NotBlank @Size(max = 500) String reason) {
    }
}
