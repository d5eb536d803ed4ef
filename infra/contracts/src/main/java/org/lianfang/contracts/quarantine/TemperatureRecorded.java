package org.lianfang.contracts.quarantine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A medic took the person's temperature.
 *
 * @param celsius    the reading in °C, exactly as written down
 * @param method     how it was taken
 * @param medic      who took it (体温监测医护员)
 * @param occurredAt when it was taken
 * @param recordedAt when it reached the system
 */
public record TemperatureRecorded(
        QuarantineCaseId caseId,
        String personId,
        BigDecimal celsius,
        MeasurementMethod method,
        String medic,
        Instant occurredAt,
        Instant recordedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
