package org.lianfang.contracts.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put a new set of colour-rule parameters in force under a new version name (admin only).
 * Applying the same version with the same parameters again changes nothing, so a rollout that
 * stopped half-way is finished by asking again.
 *
 * @param rulesId the one rule set of the registry, {@link #RULES_ID}
 */
public record ApplyColourRulesCommand(
        @TargetAggregateIdentifier String rulesId,
        String version,
        Duration reportDeadline,
        int unreachableAttempts,
        String zone,
        String reason,
        String appliedBy,
        Instant appliedAt) {

    /** The aggregate identifier of the registry's colour rules. */
    public static final String RULES_ID = "colour-rules";

    public ApplyColourRulesCommand {
        Objects.requireNonNull(rulesId, "rulesId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reportDeadline, "reportDeadline");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(appliedBy, "appliedBy");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }
}
