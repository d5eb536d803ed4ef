package org.lianfang.registry.person.colour;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.QuarantineEnding;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.TraceCallOutcome;

/**
 * Everything the colour rules look at, and nothing else: a plain snapshot of what is known about
 * one person, so the rules can be tested without the aggregate.
 *
 * @param origin            where the person came from
 * @param arrivalDate       the day they arrived, null for a local resident
 * @param hubeiContact      contact with Hubei/Wuhan, null if not asked
 * @param source            how the community learned of them; a county list or a checkpoint is not a report
 * @param registeredAt      when they were registered
 * @param registeredBy      who registered them
 * @param traceCalls        the trace calls in the order they were recorded
 * @param verification      the community's verification, or null
 * @param inHomeQuarantine  whether they are known to be in home quarantine
 * @param departure         their confirmed departure, or null
 * @param override          a manual colour in force, or null
 * @param quarantine        the person's latest quarantine case as quarantine-service reported it, or null
 * @param breach            the latest attempt to leave quarantine at a checkpoint, or null
 * @param unregisteredArrival the latest time a checkpoint found the person unreported, or null
 */
public record PersonFacts(
        Origin origin,
        LocalDate arrivalDate,
        Boolean hubeiContact,
        RegistrationSource source,
        Instant registeredAt,
        String registeredBy,
        List<TraceCall> traceCalls,
        Verification verification,
        boolean inHomeQuarantine,
        Departure departure,
        Override override,
        Quarantine quarantine,
        Breach breach,
        UnregisteredArrival unregisteredArrival) {

    public PersonFacts {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(registeredAt, "registeredAt");
        traceCalls = List.copyOf(traceCalls);
    }

    /** The facts the registry itself records, before other services' events were taken in. */
    public PersonFacts(Origin origin, LocalDate arrivalDate, Boolean hubeiContact, RegistrationSource source,
            Instant registeredAt, String registeredBy, List<TraceCall> traceCalls, Verification verification,
            boolean inHomeQuarantine, Departure departure, Override override) {
        this(origin, arrivalDate, hubeiContact, source, registeredAt, registeredBy, traceCalls, verification,
                inHomeQuarantine, departure, override, null, null, null);
    }

    /** One trace call. */
    public record TraceCall(TraceCallOutcome outcome, String calledBy, Instant calledAt) {
    }

    /** The community's verification. */
    public record Verification(String verifiedBy, Instant verifiedAt) {
    }

    /** A confirmed departure. */
    public record Departure(String destination, Instant departedAt) {
    }

    /** A manual colour. */
    public record Override(RiskColour colour, String reason, String setBy, Instant setAt) {
    }

    /** A quarantine case (quarantine-service's), running while {@code endedAt} is null. */
    public record Quarantine(String caseId, QuarantineKind kind, Instant startedAt, Instant endedAt,
            QuarantineEnding ending) {

        public boolean active() {
            return endedAt == null;
        }
    }

    /** An attempt to leave quarantine, denied at a checkpoint. */
    public record Breach(String crossingId, String checkpointId, String rule, Instant at) {
    }

    /** A checkpoint found the person arriving unreported. */
    public record UnregisteredArrival(String crossingId, String checkpointId, String reason, Instant at) {
    }

    /** From Wuhan or elsewhere in Hubei, or in contact with someone there: the people the rules trace. */
    public boolean tracedForHubei() {
        return origin == Origin.WUHAN || origin == Origin.HUBEI_OTHER || Boolean.TRUE.equals(hubeiContact);
    }
}
