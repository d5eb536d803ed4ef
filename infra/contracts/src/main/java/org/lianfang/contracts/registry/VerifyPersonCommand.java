package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Record that the community verified the person, and whether they are in home quarantine.
 */
public record VerifyPersonCommand(
        @TargetAggregateIdentifier PersonId personId,
        boolean inHomeQuarantine,
        String verifiedBy,
        Instant verifiedAt) implements PersonScoped {

    public VerifyPersonCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(verifiedBy, "verifiedBy");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
