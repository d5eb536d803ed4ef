package org.lianfang.registry.person.colour;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.lianfang.contracts.registry.ColourOverrideLifted;
import org.lianfang.contracts.registry.ColourOverrideSet;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDeparted;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.PersonVerified;
import org.lianfang.contracts.registry.QuarantineBreachNoted;
import org.lianfang.contracts.registry.QuarantineEndNoted;
import org.lianfang.contracts.registry.QuarantineStartNoted;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.contracts.registry.TraceCallRecorded;
import org.lianfang.contracts.registry.UnregisteredArrivalFlagged;

/**
 * Folds a person's recorded events into the {@link PersonFacts} the colour rules read, and the
 * colour last recorded, outside the aggregate: what re-running the rules under other parameters
 * needs, without loading (or changing) anything. It reads the facts exactly as the {@code Person}
 * aggregate keeps them; a test holds the two together.
 */
public final class PersonFactsFold {

    private Origin origin;
    private LocalDate arrivalDate;
    private Boolean hubeiContact;
    private RegistrationSource source;
    private Instant registeredAt;
    private String registeredBy;
    private String compound;
    private final List<PersonFacts.TraceCall> traceCalls = new ArrayList<>();
    private PersonFacts.Verification verification;
    private boolean inHomeQuarantine;
    private PersonFacts.Departure departure;
    private PersonFacts.Override override;
    private PersonFacts.Quarantine quarantine;
    private PersonFacts.Breach breach;
    private PersonFacts.UnregisteredArrival unregisteredArrival;
    private RiskColourChanged lastChange;

    /** Takes in one event of the person's stream, in order; other events are ignored. */
    public PersonFactsFold apply(Object event) {
        if (event instanceof PersonRegistered e) {
            origin = e.origin();
            arrivalDate = e.arrivalDate();
            hubeiContact = e.hubeiContact();
            source = e.source();
            registeredAt = e.registeredAt();
            registeredBy = e.registeredBy();
            compound = e.compound();
        } else if (event instanceof PersonDetailsCorrected e) {
            List<String> changed = e.changedFields();
            origin = changed.contains("origin") ? e.origin() : origin;
            arrivalDate = changed.contains("arrivalDate") ? e.arrivalDate() : arrivalDate;
            hubeiContact = changed.contains("hubeiContact") ? e.hubeiContact() : hubeiContact;
            compound = changed.contains("compound") ? e.compound() : compound;
        } else if (event instanceof TraceCallRecorded e) {
            traceCalls.add(new PersonFacts.TraceCall(e.outcome(), e.calledBy(), e.calledAt()));
        } else if (event instanceof PersonVerified e) {
            verification = new PersonFacts.Verification(e.verifiedBy(), e.verifiedAt());
            inHomeQuarantine = e.inHomeQuarantine();
        } else if (event instanceof PersonDeparted e) {
            departure = new PersonFacts.Departure(e.destination(), e.departedAt());
        } else if (event instanceof ColourOverrideSet e) {
            override = new PersonFacts.Override(e.colour(), e.reason(), e.setBy(), e.setAt());
        } else if (event instanceof ColourOverrideLifted) {
            override = null;
        } else if (event instanceof QuarantineStartNoted e) {
            quarantine = new PersonFacts.Quarantine(e.caseId(), e.kind(), e.startedAt(), null, null);
        } else if (event instanceof QuarantineEndNoted e && quarantine != null
                && quarantine.caseId().equals(e.caseId())) {
            quarantine = new PersonFacts.Quarantine(quarantine.caseId(), quarantine.kind(), quarantine.startedAt(),
                    e.endedAt(), e.ending());
        } else if (event instanceof QuarantineBreachNoted e) {
            breach = new PersonFacts.Breach(e.crossingId(), e.checkpointId(), e.rule(), e.occurredAt());
        } else if (event instanceof UnregisteredArrivalFlagged e) {
            unregisteredArrival = new PersonFacts.UnregisteredArrival(e.crossingId(), e.checkpointId(), e.reason(),
                    e.occurredAt());
        } else if (event instanceof RiskColourChanged e) {
            lastChange = e;
        }
        return this;
    }

    /** Whether a registration was seen. */
    public boolean registered() {
        return registeredAt != null;
    }

    public PersonFacts facts() {
        return new PersonFacts(origin, arrivalDate, hubeiContact, source, registeredAt, registeredBy, traceCalls,
                verification, inHomeQuarantine, departure, override, quarantine, breach, unregisteredArrival);
    }

    /** The colour recorded last, or null. */
    public RiskColour colour() {
        return lastChange == null ? null : lastChange.to();
    }

    /** The rule recorded last, or null. */
    public String rule() {
        return lastChange == null ? null : lastChange.rule();
    }

    /** The rule version recorded last, or null. */
    public String ruleVersion() {
        return lastChange == null ? null : lastChange.ruleVersion();
    }

    public String compound() {
        return compound;
    }
}
