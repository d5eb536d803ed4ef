package org.lianfang.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller is allowed to do, function by function (DESIGN.md "Roles"). A service says which
 * roles may call an endpoint with {@link Allowed}; jurisdiction (which community) is checked
 * separately with {@link Caller#requireCovers(String)}.
 */
public enum Role {
    /** Street-level staff and volunteers' coordinators: register, record, schedule. */
    OPERATOR,
    /** Medics: everything about temperatures, fevers and releases from quarantine. */
    MEDIC,
    /** Reads everything in their jurisdiction, writes nothing; their reads of trails are recorded. */
    AUDITOR,
    /** The county: reads boards and event streams of all its communities. */
    COUNTY,
    /** Manages API clients and policy parameters. */
    ADMIN;

    /** The role named by {@code text} (case-insensitive), if it is one. */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
