package org.lianfang.registry.privacy;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.registry.countylist.command.CountyListImport;
import org.lianfang.registry.person.command.ResidentIdClaims;
import org.springframework.stereotype.Component;

/**
 * What the registry holds about a person outside its projections, forgotten when they are erased:
 * the keyed hash of their ID number leading to them ({@code person_claims}) and their entries in a
 * county-list page still staged. Both steps are idempotent, so a redelivery changes nothing.
 */
@Component
@ProcessingGroup(RegistryErasures.PROCESSING_GROUP)
public class RegistryErasures {

    public static final String PROCESSING_GROUP = "person-erasures";

    private final ResidentIdClaims claims;
    private final CountyListImport countyLists;

    public RegistryErasures(ResidentIdClaims claims, CountyListImport countyLists) {
        this.claims = claims;
        this.countyLists = countyLists;
    }

    @EventHandler
    void on(PersonErased event) {
        claims.release(event.personId());
        countyLists.forget(event.personId());
    }
}
