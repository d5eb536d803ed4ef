package org.lianfang.contracts.registry;

import java.time.Instant;

/** A household (户) was registered at an address; {@code unit} may be null where buildings have none. */
public record HouseholdRegistered(String householdId, String compoundId, String building, String unit, String room,
        String registeredBy, Instant registeredAt) {
}
