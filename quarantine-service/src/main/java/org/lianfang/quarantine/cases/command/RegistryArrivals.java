package org.lianfang.quarantine.cases.command;

import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonRegistered;
import org.springframework.stereotype.Component;

/**
 * Starts home quarantine for returnees from Wuhan and the rest of Hubei as the registry records
 * them. It tracks the registry's event store (read-only) with its own token; starting is idempotent
 * per person, so a redelivery or a replay of the registry's events opens no second case.
 */
@Component
@ProcessingGroup(RegistryArrivals.PROCESSING_GROUP)
public class RegistryArrivals {

    public static final String PROCESSING_GROUP = "registry-arrivals";
    /** Who the cases it opens are started by. */
    public static final String STARTED_BY = "registry";

    private static final Set<Origin> QUARANTINED_ORIGINS = Set.of(Origin.WUHAN, Origin.HUBEI_OTHER);

    private final QuarantineStarts starts;

    public RegistryArrivals(QuarantineStarts starts) {
        this.starts = starts;
    }

    @EventHandler
    void on(PersonRegistered event) {
        if (!QUARANTINED_ORIGINS.contains(event.origin()) || event.arrivalDate() == null) {
            return;
        }
        starts.start(event.personId().value(), QuarantineKind.HOME, event.arrivalDate(),
                "registered as arrived from " + event.origin(), STARTED_BY);
    }
}
