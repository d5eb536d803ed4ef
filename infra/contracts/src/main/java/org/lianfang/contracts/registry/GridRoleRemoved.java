package org.lianfang.contracts.registry;

import java.time.Instant;

/** A grid role was left vacant; {@code staffMember} is who held it. */
public record GridRoleRemoved(String compoundId, GridRole role, String staffMember, String removedBy,
        Instant removedAt) {
}
