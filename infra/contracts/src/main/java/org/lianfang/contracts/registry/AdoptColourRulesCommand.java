package org.lianfang.contracts.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Re-decide a person's colour under a newly applied rules version; a person whose colour it does
 * not change records nothing, and the same version twice changes nothing twice.
 *
 * @param rulesEventId the message id of the {@link ColourRulesApplied} that put the version in force
 */
public record AdoptColourRulesCommand(
        @TargetAggregateIdentifier PersonId personId,
        String version,
        Duration reportDeadline,
        int unreachableAttempts,
        String zone,
        String rulesEventId,
        Instant at) implements PersonScoped {

    public AdoptColourRulesCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reportDeadline, "reportDeadline");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(rulesEventId, "rulesEventId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
