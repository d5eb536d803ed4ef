package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Record a call made to trace a person.
 */
public record RecordTraceCallCommand(
        @TargetAggregateIdentifier PersonId personId,
        TraceCallOutcome outcome,
        String calledBy,
        Instant calledAt,
        String note,
        Instant occurredAt) implements PersonScoped {

    /** As before occurred-at: none given. */
    public RecordTraceCallCommand(PersonId personId, TraceCallOutcome outcome, String calledBy, Instant calledAt,
            String note) {
        this(personId, outcome, calledBy, calledAt, note, null);
    }

    public RecordTraceCallCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(calledBy, "calledBy");
        Objects.requireNonNull(calledAt, "calledAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
