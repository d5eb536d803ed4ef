package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give one of the grid's roles to a staff member, replacing whoever held it. */
public record AssignGridRoleCommand(
        @TargetAggregateIdentifier String compoundId,
        GridRole role,
        String staffMember,
        String assignedBy,
        Instant assignedAt) {

    public AssignGridRoleCommand {
        Objects.requireNonNull(compoundId, "compoundId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(staffMember, "staffMember");
        Objects.requireNonNull(assignedBy, "assignedBy");
        Objects.requireNonNull(assignedAt, "assignedAt");
    }
}
