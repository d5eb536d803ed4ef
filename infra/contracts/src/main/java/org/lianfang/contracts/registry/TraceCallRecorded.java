package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A call tracing a person was made (电话追踪). Repeated unreachable calls and a refusal turn the
 * person red; reaching them starts verification.
 *
 * @param occurredAt when the call happened as the writer said so (e.g. a paper log typed in later), or null;
 *                   the trail shows it as the event's occurred-at
 */
public record TraceCallRecorded(
        @DataSubject PersonId personId,
        TraceCallOutcome outcome,
        String calledBy,
        Instant calledAt,
        @PersonalData String note,
        Instant occurredAt) implements PersonScoped {

    /** As before occurred-at: none given. */
    public TraceCallRecorded(PersonId personId, TraceCallOutcome outcome, String calledBy, Instant calledAt,
            String note) {
        this(personId, outcome, calledBy, calledAt, note, null);
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
