package org.lianfang.contracts.registry;

import java.util.List;
import java.util.Objects;

/**
 * Who must act on a person of a given colour.
 *
 * @param roles       the roles that own the colour, never empty
 * @param staffMember the named staff member when {@link OwnerRole#NAMED_STAFF} is one of the roles, else null
 */
public record ColourOwner(List<OwnerRole> roles, String staffMember) {

    public ColourOwner {
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a colour owner needs at least one role");
        }
    }
}
