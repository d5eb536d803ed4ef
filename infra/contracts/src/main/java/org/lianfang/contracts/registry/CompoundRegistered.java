package org.lianfang.contracts.registry;

import java.time.Instant;

/** A residential compound (小区) was registered in a community. */
public record CompoundRegistered(String compoundId, String name, String community, String registeredBy,
        Instant registeredAt) {
}
