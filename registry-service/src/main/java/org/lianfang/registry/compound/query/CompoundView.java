package org.lianfang.registry.compound.query;

import java.time.Instant;
import java.util.Map;
import org.lianfang.contracts.registry.GridRole;

/**
 * A compound with its grid as it is now: who holds each role, since when and by whose assignment.
 */
public record CompoundView(String id, String name, String community, String communityId, String registeredBy,
        Instant registeredAt, Map<GridRole, Holder> gridRoles) {

    /** The holder of one grid role. */
    public record Holder(String staffMember, String assignedBy, Instant assignedAt) {
    }
}
