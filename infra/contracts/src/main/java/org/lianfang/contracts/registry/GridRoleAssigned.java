package org.lianfang.contracts.registry;

import java.time.Instant;

/**
 * A staff member took one of a compound's grid roles.
 *
 * @param previous who held the role before, or null
 */
public record GridRoleAssigned(String compoundId, GridRole role, String staffMember, String previous,
        String assignedBy, Instant assignedAt) {
}
