package org.lianfang.volunteer.disinfection.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.HouseholdRegistered;
import org.springframework.stereotype.Component;

/**
 * Learns the buildings of each community from the registry's households (read-only, own token), so
 * the board lists a building that has had no round at all. A household event that names no
 * community in its metadata is skipped.
 */
@Component
@ProcessingGroup(RegistryBuildings.PROCESSING_GROUP)
public class RegistryBuildings {

    public static final String PROCESSING_GROUP = "registry-buildings";

    private final DisinfectionProjection projection;

    public RegistryBuildings(DisinfectionProjection projection) {
        this.projection = projection;
    }

    @EventHandler
    void on(HouseholdRegistered event, @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId) {
        if (communityId != null && event.compoundId() != null && event.building() != null) {
            projection.knownBuilding(communityId, event.compoundId(), event.building());
        }
    }
}
