package org.lianfang.checkpoint.crossing.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.contracts.registry.Origin;

/**
 * {@code POST /checkpoints/{id}/crossings}: what the tablet uploads. {@code tabletId} and
 * {@code sequence} (the tablet numbers its records) make a retried upload name the same crossing.
 * A person is given by {@code personId} or, if the registry may not know them, by
 * {@code residentIdNumber} (with name, phone, origin and where they come from, for the registry);
 * a vehicle by {@code plate} and its known {@code occupants}.
 */
record CrossingRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String tabletId,
        @NotNull @PositiveOrZero Long sequence,
        @NotNull CrossingSubject subject,
        @Size(max = 64) String personId,
        @Size(max = 18) String residentIdNumber,
        @Size(max = 50) String name,
        @Pattern(regexp = "1[3-9][0-9]{9}") String phone,
        Origin origin,
        @Size(max = 100) String comingFrom,
        @Size(max = 10) String plate,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> occupants,
        @Min(1) @Max(60) Integer occupantCount,
        @NotNull Direction direction,
        BigDecimal temperatureCelsius,
        @Size(max = 64) String passId,
        @Size(max = 64) String operator,
        @NotNull Instant occurredAt) {
}
