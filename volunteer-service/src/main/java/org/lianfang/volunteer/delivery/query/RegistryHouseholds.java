package org.lianfang.volunteer.delivery.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.springframework.stereotype.Component;

/** Learns who lives in which household from the registry's event store (read-only, own token). */
@Component
@ProcessingGroup(RegistryHouseholds.PROCESSING_GROUP)
public class RegistryHouseholds {

    public static final String PROCESSING_GROUP = "registry-households";

    private final HouseholdQuarantine households;

    public RegistryHouseholds(HouseholdQuarantine households) {
        this.households = households;
    }

    @EventHandler
    void on(HouseholdMemberAdded event) {
        households.member(event.householdId(), event.personId().value());
    }
}
