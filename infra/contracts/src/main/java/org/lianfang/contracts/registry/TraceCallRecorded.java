package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A call tracing a person was made (电话追踪). Repeated unreachable calls and a refusal turn the
 * person red; reaching them starts verification.
 */
public record TraceCallRecorded(
        @DataSubject PersonId personId,
        TraceCallOutcome outcome,
        String calledBy,
        Instant calledAt,
        @PersonalData String note) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
