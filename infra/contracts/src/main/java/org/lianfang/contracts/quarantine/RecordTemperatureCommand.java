package org.lianfang.contracts.quarantine;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a temperature reading on a case; the case judges validity and fever. */
public record RecordTemperatureCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        BigDecimal celsius,
        MeasurementMethod method,
        String medic,
        Instant occurredAt) {
}
