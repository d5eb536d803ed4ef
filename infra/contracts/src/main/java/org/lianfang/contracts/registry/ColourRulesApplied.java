package org.lianfang.contracts.registry;

import java.time.Duration;
import java.time.Instant;

/**
 * A new version of the colour-rule parameters is in force from {@code appliedAt}: every colour
 * decided afterwards uses it and records its name. The registry's configuration only gives the
 * parameters in force before the first of these events.
 *
 * @param previousVersion the version in force until now
 */
public record ColourRulesApplied(
        String version,
        Duration reportDeadline,
        int unreachableAttempts,
        String zone,
        String previousVersion,
        String reason,
        String appliedBy,
        Instant appliedAt) {
}
