package org.lianfang.registry.household.query;

import java.time.Instant;
import java.util.List;

/** A household at its address, with its members in the order they were added. */
public record HouseholdView(String id, String compoundId, String communityId, String building, String unit,
        String room, String registeredBy, Instant registeredAt, List<String> members) {
}
