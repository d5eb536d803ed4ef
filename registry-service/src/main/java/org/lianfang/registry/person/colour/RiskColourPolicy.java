package org.lianfang.registry.person.colour;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.OwnerRole;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.TraceCallOutcome;

/**
 * The four-colour labelling (四色标示法) as one rule set: given what is known about a person, which
 * colour they have, which {@link ColourRule} decided it, and who owns them. The rules are tried in
 * the order of {@link ColourRule}; the first that applies wins. Pure: no clock, no framework.
 */
public final class RiskColourPolicy {

    private static final String UNASSIGNED = "unassigned";

    private final ColourRuleParameters parameters;

    public RiskColourPolicy(ColourRuleParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public ColourRuleParameters parameters() {
        return parameters;
    }

    /** The colour of the person described by {@code facts} at {@code now}. */
    public ColourAssessment assess(PersonFacts facts, Instant now) {
        if (facts.override() != null) {
            PersonFacts.Override override = facts.override();
            return decide(override.colour(), ColourRule.MANUAL_OVERRIDE,
                    "set by hand by " + override.setBy() + ": " + override.reason(), override.setBy());
        }
        PersonFacts.Breach breach = facts.breach();
        if (breach != null && !verifiedSince(facts, breach.at()) && !quarantineEndedSince(facts, breach.at())) {
            return decide(ColourRule.QUARANTINE_BREACH_ATTEMPTED, "tried to leave quarantine at checkpoint "
                    + breach.checkpointId() + " (" + breach.rule() + ")", null);
        }
        if (facts.departure() != null) {
            return decide(ColourRule.DEPARTED, "left for " + facts.departure().destination(), null);
        }
        List<PersonFacts.TraceCall> calls = facts.traceCalls();
        if (!calls.isEmpty() && calls.get(calls.size() - 1).outcome() == TraceCallOutcome.REFUSED) {
            PersonFacts.TraceCall refused = calls.get(calls.size() - 1);
            return decide(ColourRule.REFUSED, "refused to cooperate when " + refused.calledBy() + " called", null);
        }
        int unreachable = unreachableInARow(calls);
        if (unreachable >= parameters.unreachableAttempts()) {
            return decide(ColourRule.UNREACHABLE, unreachable + " unreachable calls in a row (the limit is "
                    + parameters.unreachableAttempts() + ")", null);
        }
        PersonFacts.UnregisteredArrival arrival = facts.unregisteredArrival();
        if (arrival != null && lastContact(facts).map(c -> !c.at().isAfter(arrival.at())).orElse(true)) {
            return decide(ColourRule.UNREGISTERED_ARRIVAL, "found at checkpoint " + arrival.checkpointId()
                    + " without having been reported: " + arrival.reason(), null);
        }
        PersonFacts.Quarantine quarantine = facts.quarantine();
        boolean inContact = reportedAt(facts).isPresent();
        if (quarantine != null && quarantine.active() && inContact) {
            return decide(ColourRule.IN_QUARANTINE, (quarantine.kind() == null ? "" : quarantine.kind() + " ")
                    + "quarantine case " + quarantine.caseId() + " running since " + quarantine.startedAt(), null);
        }
        if (quarantine != null && !quarantine.active() && inContact
                && !verifiedSince(facts, quarantine.endedAt())) {
            return decide(ColourRule.QUARANTINE_ENDED, "quarantine case " + quarantine.caseId() + " ended ("
                    + quarantine.ending() + ") at " + quarantine.endedAt(), null);
        }
        if (facts.verification() != null && facts.inHomeQuarantine()) {
            return decide(ColourRule.VERIFIED_IN_HOME_QUARANTINE, "verified by "
                    + facts.verification().verifiedBy() + " and in home quarantine", null);
        }
        if (!facts.tracedForHubei()) {
            return decide(ColourRule.NO_HUBEI_CONTACT, "origin " + facts.origin() + " without Hubei/Wuhan contact",
                    null);
        }
        Optional<Instant> deadline = reportDeadline(facts);
        if (deadline.isPresent() && reportedLate(facts, deadline.get(), now)) {
            return decide(ColourRule.NOT_REPORTED_IN_TIME, "not reported or reached by " + deadline.get()
                    + " (" + parameters.reportDeadline().toHours() + " h after the start of the arrival day)", null);
        }
        Optional<Contact> contact = lastContact(facts);
        if (contact.isPresent()) {
            return decide(ColourRule.REACHED_BEING_VERIFIED, contact.get().what() + " by " + contact.get().by()
                    + ", not (yet) in home quarantine", contact.get().by());
        }
        return decide(ColourRule.AWAITING_CONTACT, "registered from " + facts.origin() + ", not reached yet",
                facts.registeredBy());
    }

    /**
     * When a person traced for Hubei must have been reported or reached: the start of the arrival
     * day in the community's zone plus the report deadline. Empty for anyone else.
     */
    public Optional<Instant> reportDeadline(PersonFacts facts) {
        if (!facts.tracedForHubei() || facts.arrivalDate() == null) {
            return Optional.empty();
        }
        return Optional.of(facts.arrivalDate().atStartOfDay(parameters.zone()).toInstant()
                .plus(parameters.reportDeadline()));
    }

    /**
     * When the community first knew of the person from them or from its own staff: registration
     * (unless from a county list or a checkpoint), the first call that reached them, or verification.
     */
    public static Optional<Instant> reportedAt(PersonFacts facts) {
        List<Instant> times = new ArrayList<>();
        if (facts.source() != RegistrationSource.COUNTY_LIST && facts.source() != RegistrationSource.CHECKPOINT) {
            times.add(facts.registeredAt());
        }
        facts.traceCalls().stream().filter(call -> call.outcome() == TraceCallOutcome.REACHED)
                .map(PersonFacts.TraceCall::calledAt).forEach(times::add);
        if (facts.verification() != null) {
            times.add(facts.verification().verifiedAt());
        }
        return times.stream().min(Comparator.naturalOrder());
    }

    private static boolean verifiedSince(PersonFacts facts, Instant at) {
        return facts.verification() != null && facts.verification().verifiedAt().isAfter(at);
    }

    private static boolean quarantineEndedSince(PersonFacts facts, Instant at) {
        return facts.quarantine() != null && !facts.quarantine().active() && facts.quarantine().endedAt().isAfter(at);
    }

    private static boolean reportedLate(PersonFacts facts, Instant deadline, Instant now) {
        return reportedAt(facts).map(reported -> reported.isAfter(deadline)).orElseGet(() -> now.isAfter(deadline));
    }

    private static int unreachableInARow(List<PersonFacts.TraceCall> calls) {
        int count = 0;
        for (int i = calls.size() - 1; i >= 0 && calls.get(i).outcome() == TraceCallOutcome.UNREACHABLE; i--) {
            count++;
        }
        return count;
    }

    private record Contact(String what, String by, Instant at) {
    }

    private static Optional<Contact> lastContact(PersonFacts facts) {
        Stream<Contact> calls = facts.traceCalls().stream()
                .filter(call -> call.outcome() == TraceCallOutcome.REACHED)
                .map(call -> new Contact("reached", call.calledBy(), call.calledAt()));
        Stream<Contact> verification = facts.verification() == null ? Stream.empty()
                : Stream.of(new Contact("verified", facts.verification().verifiedBy(),
                        facts.verification().verifiedAt()));
        return Stream.concat(calls, verification).reduce((a, b) -> b.at().isBefore(a.at()) ? a : b);
    }

    private ColourAssessment decide(ColourRule rule, String reason, String staffMember) {
        return decide(rule.colour(), rule, reason, staffMember);
    }

    private static ColourAssessment decide(RiskColour colour, ColourRule rule, String reason, String staffMember) {
        return new ColourAssessment(colour, rule, reason, ownerOf(colour, staffMember));
    }

    /** Who owns a colour: leaders for red, one named staff member for yellow, medic and household for blue. */
    public static ColourOwner ownerOf(RiskColour colour, String staffMember) {
        return switch (colour) {
            case RED -> new ColourOwner(List.of(OwnerRole.PARTY_SECRETARY, OwnerRole.LEADER_IN_CHARGE), null);
            case YELLOW -> new ColourOwner(List.of(OwnerRole.NAMED_STAFF),
                    staffMember == null ? UNASSIGNED : staffMember);
            case BLUE -> new ColourOwner(List.of(OwnerRole.TEMPERATURE_MEDIC, OwnerRole.RESPONSIBLE_PERSON), null);
            case GREEN -> new ColourOwner(List.of(OwnerRole.GRID_TEAM), null);
        };
    }
}
