package org.lianfang.quarantine.cases.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.springframework.stereotype.Component;

/**
 * Starts home quarantine from what the registry records: a returnee from Wuhan or the rest of
 * Hubei (registered, or corrected to be one), or a person whose colour turned blue for home
 * quarantine (not the blue of "confirmed gone elsewhere"). It tracks the registry's event store
 * (read-only) with its own token and remembers what it needs of each person. Starting is
 * idempotent per person, and an automatic start after a case has ended needs a registry event that
 * happened after the end, so a redelivery or a replay never opens a second case.
 */
@Component
@ProcessingGroup(RegistryArrivals.PROCESSING_GROUP)
public class RegistryArrivals {

    public static final String PROCESSING_GROUP = "registry-arrivals";
    /** Who the cases it opens are started by. */
    public static final String STARTED_BY = "registry";
    /** The registry's colour rule for "confirmed gone elsewhere": blue, but nobody to quarantine here. */
    static final String DEPARTED_RULE = "DEPARTED";

    private static final Set<Origin> QUARANTINED_ORIGINS = Set.of(Origin.WUHAN, Origin.HUBEI_OTHER);

    private final QuarantineStarts starts;
    private final RegistryPersons persons;
    private final QuarantinePolicies policies;

    public RegistryArrivals(QuarantineStarts starts, RegistryPersons persons, QuarantinePolicies policies) {
        this.starts = starts;
        this.persons = persons;
        this.policies = policies;
    }

    @EventHandler
    void on(PersonRegistered event, @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId) {
        String personId = event.personId().value();
        persons.remember(personId, communityId, event.compound(), event.address(), event.origin(),
                event.arrivalDate());
        startIfReturnee(personId, event.registeredAt());
    }

    @EventHandler
    void on(PersonDetailsCorrected event, @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId) {
        String personId = event.personId().value();
        List<String> changed = event.changedFields();
        persons.remember(personId, communityId, changed.contains("compound") ? event.compound() : null,
                changed.contains("address") ? event.address() : null, changed.contains("origin") ? event.origin() : null,
                changed.contains("arrivalDate") ? event.arrivalDate() : null);
        if (event.changedFields().contains("origin") || event.changedFields().contains("arrivalDate")) {
            startIfReturnee(personId, event.correctedAt());
        }
    }

    @EventHandler
    void on(HouseholdMemberAdded event) {
        persons.household(event.personId().value(), event.householdId());
    }

    @EventHandler
    void on(PersonErased event) {
        persons.forget(event.personId());
    }

    @EventHandler
    void on(RiskColourChanged event, @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId) {
        if (event.to() != RiskColour.BLUE || DEPARTED_RULE.equals(event.rule())) {
            return;
        }
        String personId = event.personId().value();
        RegistryPersons.Person person = persons.find(personId).orElse(null);
        LocalDate arrival = person != null && person.arrivalDate() != null ? person.arrivalDate()
                : event.changedAt().atZone(policies.period().zone()).toLocalDate();
        starts.startAutomatically(personId, QuarantineKind.HOME, arrival, "colour turned BLUE (" + event.rule() + ")",
                STARTED_BY, person != null && person.communityId() != null ? person.communityId() : communityId,
                person == null ? null : person.compound(), event.changedAt());
    }

    private void startIfReturnee(String personId, Instant happenedAt) {
        persons.find(personId).filter(p -> QUARANTINED_ORIGINS.contains(p.origin()) && p.arrivalDate() != null)
                .ifPresent(p -> starts.startAutomatically(personId, QuarantineKind.HOME, p.arrivalDate(),
                        "registered as arrived from " + p.origin(), STARTED_BY, p.communityId(), p.compound(),
                        happenedAt));
    }
}
