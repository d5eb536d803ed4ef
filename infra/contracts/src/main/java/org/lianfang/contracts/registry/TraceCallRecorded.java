package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A call tracing a person was made (电话追踪). Repeated unreachable calls and a refusal turn the
 * person red; reaching them starts verification.
 */
public record TraceCallRecorded(
        PersonId personId,
        TraceCallOutcome outcome,
        String calledBy,
        Instant calledAt,
        String note) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
