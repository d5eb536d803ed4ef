package org.lianfang.volunteer.delivery.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.springframework.stereotype.Component;

/** Learns who is in quarantine, and where they live, from quarantine-service's event store (read-only, own token). */
@Component
@ProcessingGroup(QuarantineFeed.PROCESSING_GROUP)
public class QuarantineFeed {

    public static final String PROCESSING_GROUP = "quarantine-households";

    private final HouseholdQuarantine households;

    public QuarantineFeed(HouseholdQuarantine households) {
        this.households = households;
    }

    @EventHandler
    void on(QuarantineStarted event) {
        households.caseStarted(event.caseId().value(), event.personId());
    }

    @EventHandler
    void on(QuarantineCompleted event) {
        households.caseEnded(event.caseId().value(), event.personId());
    }

    @EventHandler
    void on(QuarantineReleasedEarly event) {
        households.caseEnded(event.caseId().value(), event.personId());
    }

    @EventHandler
    void on(SupplyRequested event) {
        households.member(event.householdId(), event.personId());
    }
}
