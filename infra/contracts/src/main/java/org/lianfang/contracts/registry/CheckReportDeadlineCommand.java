package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Ask a person whether their report deadline has passed unreported; sent by the deadline sweep,
 * harmless to send twice or too early.
 */
public record CheckReportDeadlineCommand(
        @TargetAggregateIdentifier PersonId personId,
        Instant now) implements PersonScoped {

    public CheckReportDeadlineCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(now, "now");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
