package org.lianfang.contracts.registry;

/** How a person's quarantine case ended, as the registry noted it from quarantine-service. */
public enum QuarantineEnding {
    /** The period was served (QuarantineCompleted). */
    COMPLETED,
    /** A medic released the person before the period was over (QuarantineReleasedEarly). */
    RELEASED_EARLY
}
