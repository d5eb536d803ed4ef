package org.lianfang.registry.person.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.registry.AdoptColourRulesCommand;
import org.lianfang.contracts.registry.CausingEvent;
import org.lianfang.contracts.registry.CheckReportDeadlineCommand;
import org.lianfang.contracts.registry.ColourOverrideLifted;
import org.lianfang.contracts.registry.ColourOverrideSet;
import org.lianfang.contracts.registry.ColourRulesAdopted;
import org.lianfang.contracts.registry.CorrectPersonDetailsCommand;
import org.lianfang.contracts.registry.FlagUnregisteredArrivalCommand;
import org.lianfang.contracts.registry.LiftColourOverrideCommand;
import org.lianfang.contracts.registry.NoteQuarantineBreachCommand;
import org.lianfang.contracts.registry.NoteQuarantineEndedCommand;
import org.lianfang.contracts.registry.NoteQuarantineStartedCommand;
import org.lianfang.contracts.registry.NoticeKind;
import org.lianfang.contracts.registry.NoticeSigned;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.OverrideColourCommand;
import org.lianfang.contracts.registry.PersonDeparted;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.PersonVerified;
import org.lianfang.contracts.registry.QuarantineBreachNoted;
import org.lianfang.contracts.registry.QuarantineEndNoted;
import org.lianfang.contracts.registry.QuarantineStartNoted;
import org.lianfang.contracts.registry.RecordDepartureCommand;
import org.lianfang.contracts.registry.RecordNoticeSignedCommand;
import org.lianfang.contracts.registry.RecordTraceCallCommand;
import org.lianfang.contracts.registry.RegisterPersonCommand;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ReportDeadlinePassed;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.contracts.registry.TraceCallRecorded;
import org.lianfang.contracts.registry.UnregisteredArrivalFlagged;
import org.lianfang.contracts.registry.VerifyPersonCommand;
import org.lianfang.registry.person.colour.ColourAssessment;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.ColourRulesInForce;
import org.lianfang.registry.person.colour.PersonFacts;
import org.lianfang.registry.person.colour.RiskColourPolicy;

/**
 * A person known to the community and everything that happened to them in the registry: trace
 * calls, verification, departure, signed letters, corrections, manual colours, and what other services
 * reported of them (quarantine cases, checkpoint findings), each noted once. After each such
 * event the person asks the {@link RiskColourPolicy} for their colour and records a
 * {@link RiskColourChanged} when the colour or the rule behind it changed, naming the event that
 * caused it by its sequence number in this person's stream.
 */
@Aggregate(snapshotTriggerDefinition = "personSnapshotTrigger")
public class Person {

    private static final String START = "case-start:";
    private static final String END = "case-end:";
    private static final String CROSSING = "crossing:";

    @AggregateIdentifier
    private PersonId personId;
    private String name;
    private String phone;
    private Origin origin;
    private LocalDate arrivalDate;
    private String compound;
    private String compoundId;
    private String address;
    private String transport;
    private Boolean hubeiContact;
    private RegistrationSource source;
    private Instant registeredAt;
    private String registeredBy;
    private List<PersonFacts.TraceCall> traceCalls = new ArrayList<>();
    private PersonFacts.Verification verification;
    private boolean inHomeQuarantine;
    private PersonFacts.Departure departure;
    private PersonFacts.Override override;
    private Set<NoticeKind> notices = EnumSet.noneOf(NoticeKind.class);
    private boolean reportDeadlinePassed;
    private PersonFacts.Quarantine quarantine;
    private PersonFacts.Breach breach;
    private PersonFacts.UnregisteredArrival unregisteredArrival;
    /** Other services' events already taken in (case starts and ends, crossings): each counts once. */
    private Set<String> noted = new HashSet<>();
    private RiskColour colour;
    private String colourRule;
    /** The colour changes that applied rules versions made, by version: adopting one twice changes nothing twice. */
    private Map<String, RiskColourChanged> adoptedRules = new HashMap<>();
    /** The sequence number of the last event of this person, counted here to name causes exactly. */
    private long sequence = -1;

    protected Person() {
    }

    @CommandHandler
    public Person(RegisterPersonCommand command, ColourRulesInForce rules) {
        apply(new PersonRegistered(command.personId(), command.name().strip(), command.residentIdNumber(),
                command.phone(), command.origin(), command.arrivalDate(), command.compound(), command.address(),
                command.transport(), command.source(), command.registeredAt(), command.hubeiContact(),
                command.registeredBy(), command.compoundId(), command.occurredAt()))
                .andThen(() -> reassess(PersonRegistered.class, command.registeredAt(), rules.policy()));
    }

    @CommandHandler
    void handle(RecordTraceCallCommand command, ColourRulesInForce rules) {
        apply(new TraceCallRecorded(personId, command.outcome(), command.calledBy(), command.calledAt(),
                command.note(), command.occurredAt()));
        reassess(TraceCallRecorded.class, command.calledAt(), rules.policy());
    }

    @CommandHandler
    void handle(VerifyPersonCommand command, ColourRulesInForce rules) {
        if (departure != null) {
            throw new RuleViolationException("person-departed",
                    "The person left for " + departure.destination() + "; they can no longer be verified here.");
        }
        apply(new PersonVerified(personId, command.inHomeQuarantine(), command.verifiedBy(), command.verifiedAt()));
        reassess(PersonVerified.class, command.verifiedAt(), rules.policy());
    }

    @CommandHandler
    void handle(RecordDepartureCommand command, ColourRulesInForce rules) {
        if (departure != null) {
            throw new RuleViolationException("person-already-departed",
                    "The person's departure for " + departure.destination() + " is already recorded.");
        }
        apply(new PersonDeparted(personId, command.destination().strip(), command.recordedBy(),
                command.departedAt()));
        reassess(PersonDeparted.class, command.departedAt(), rules.policy());
    }

    @CommandHandler
    void handle(RecordNoticeSignedCommand command, ColourRulesInForce rules) {
        if (notices.contains(command.kind())) {
            throw new RuleViolationException("notice-already-signed",
                    "The person has already signed the " + command.kind() + " letter.");
        }
        apply(new NoticeSigned(personId, command.kind(), command.recordedBy(), command.signedAt()));
        reassess(NoticeSigned.class, command.signedAt(), rules.policy());
    }

    /** Records a correction of the fields that differ; returns their names, empty if nothing differs. */
    @CommandHandler
    List<String> handle(CorrectPersonDetailsCommand command, ColourRulesInForce rules) {
        Corrections c = new Corrections();
        String newName = command.name() == null ? null : command.name().strip();
        c.compare("name", name, newName);
        c.compare("phone", phone, command.phone());
        c.compare("origin", origin, command.origin());
        c.compare("arrivalDate", arrivalDate, command.arrivalDate());
        c.compare("compound", compound, command.compound());
        c.compare("address", address, command.address());
        c.compare("transport", transport, command.transport());
        c.compare("hubeiContact", hubeiContact, command.hubeiContact());
        c.compare("compoundId", compoundId, command.compoundId());
        if (c.changed.isEmpty()) {
            return List.of();
        }
        apply(new PersonDetailsCorrected(personId, c.changed, c.value("name", newName),
                c.value("phone", command.phone()), c.value("origin", command.origin()),
                c.value("arrivalDate", command.arrivalDate()), c.value("compound", command.compound()),
                c.value("address", command.address()), c.value("transport", command.transport()),
                c.value("hubeiContact", command.hubeiContact()), command.correctedBy(), command.correctedAt(),
                c.value("compoundId", command.compoundId())));
        reassess(PersonDetailsCorrected.class, command.correctedAt(), rules.policy());
        return c.changed;
    }

    @CommandHandler
    void handle(OverrideColourCommand command, ColourRulesInForce rules) {
        if (override != null && override.colour() == command.colour()) {
            throw new RuleViolationException("colour-override-unchanged",
                    "The person's colour is already set by hand to " + command.colour() + "; lift it first.");
        }
        apply(new ColourOverrideSet(personId, command.colour(), command.reason().strip(), command.setBy(),
                command.setAt()));
        reassess(ColourOverrideSet.class, command.setAt(), rules.policy());
    }

    @CommandHandler
    void handle(LiftColourOverrideCommand command, ColourRulesInForce rules) {
        if (override == null) {
            throw new RuleViolationException("no-colour-override", "The person's colour is not set by hand.");
        }
        apply(new ColourOverrideLifted(personId, command.reason().strip(), command.liftedBy(), command.liftedAt()));
        reassess(ColourOverrideLifted.class, command.liftedAt(), rules.policy());
    }

    /**
     * Turns the person red once their report deadline passed with nobody reporting or reaching them.
     * Nothing is recorded when it would change nothing (already red for it, or for a stronger rule).
     */
    @CommandHandler
    void handle(CheckReportDeadlineCommand command, ColourRulesInForce rules) {
        RiskColourPolicy policy = rules.policy();
        PersonFacts facts = facts();
        Optional<Instant> deadline = policy.reportDeadline(facts);
        if (reportDeadlinePassed || deadline.isEmpty() || !command.now().isAfter(deadline.get())
                || RiskColourPolicy.reportedAt(facts).isPresent()) {
            return;
        }
        ColourAssessment then = policy.assess(facts, command.now());
        if (then.colour() == colour && then.rule().name().equals(colourRule)) {
            return;
        }
        apply(new ReportDeadlinePassed(personId, deadline.get(), command.now()));
        reassess(ReportDeadlinePassed.class, command.now(), policy);
    }

    /** Notes a quarantine case started by quarantine-service; the same case again changes nothing. */
    @CommandHandler
    void handle(NoteQuarantineStartedCommand command, ColourRulesInForce rules) {
        if (noted.contains(START + command.caseId())) {
            return;
        }
        apply(new QuarantineStartNoted(personId, command.caseId(), command.kind(), command.endsAt(),
                command.sourceEventId(), command.startedAt()));
        reassess(QuarantineStartNoted.class, command.startedAt(), rules.policy());
    }

    /** Notes the end of a case; a case not started here, or ended already, changes nothing. */
    @CommandHandler
    void handle(NoteQuarantineEndedCommand command, ColourRulesInForce rules) {
        if (!noted.contains(START + command.caseId()) || noted.contains(END + command.caseId())) {
            return;
        }
        apply(new QuarantineEndNoted(personId, command.caseId(), command.ending(), command.reason(),
                command.sourceEventId(), command.endedAt()));
        reassess(QuarantineEndNoted.class, command.endedAt(), rules.policy());
    }

    /** Notes an attempt to leave quarantine at a checkpoint; the same crossing again changes nothing. */
    @CommandHandler
    void handle(NoteQuarantineBreachCommand command, ColourRulesInForce rules) {
        if (noted.contains(CROSSING + command.crossingId())) {
            return;
        }
        apply(new QuarantineBreachNoted(personId, command.crossingId(), command.checkpointId(), command.caseId(),
                command.rule(), command.ruleVersion(), command.sourceEventId(), command.occurredAt()));
        reassess(QuarantineBreachNoted.class, command.occurredAt(), rules.policy());
    }

    /** Flags an arrival a checkpoint found unreported; the same crossing again changes nothing. */
    @CommandHandler
    void handle(FlagUnregisteredArrivalCommand command, ColourRulesInForce rules) {
        if (noted.contains(CROSSING + command.crossingId())) {
            return;
        }
        apply(new UnregisteredArrivalFlagged(personId, command.crossingId(), command.checkpointId(),
                command.reason(), command.comingFrom(), command.arrivalDate(), command.sourceEventId(),
                command.occurredAt()));
        reassess(UnregisteredArrivalFlagged.class, command.occurredAt(), rules.policy());
    }

    /**
     * Decides the colour again under a newly applied rules version, and records the change (caused by
     * a {@link ColourRulesAdopted} naming the rules event) only when the colour differs. Returns the
     * change that version made, also when asked again; null when it changes nothing.
     */
    @CommandHandler
    RiskColourChanged handle(AdoptColourRulesCommand command) {
        if (adoptedRules.containsKey(command.version())) {
            return adoptedRules.get(command.version());
        }
        RiskColourPolicy policy = new RiskColourPolicy(new ColourRuleParameters(command.reportDeadline(),
                command.unreachableAttempts(), ZoneId.of(command.zone()), command.version()));
        ColourAssessment assessment = policy.assess(facts(), command.at());
        if (assessment.colour() == colour) {
            return null;
        }
        apply(new ColourRulesAdopted(personId, command.version(), command.rulesEventId(), command.at()));
        reassess(ColourRulesAdopted.class, command.at(), policy);
        return adoptedRules.get(command.version());
    }

    private void reassess(Class<?> cause, Instant now, RiskColourPolicy policy) {
        ColourAssessment assessment = policy.assess(facts(), now);
        if (assessment.colour() == colour && assessment.rule().name().equals(colourRule)) {
            return;
        }
        apply(new RiskColourChanged(personId, colour, assessment.colour(), assessment.rule().name(),
                policy.parameters().version(), assessment.reason(), assessment.owner(),
                new CausingEvent(cause.getSimpleName(), sequence), now));
    }

    private PersonFacts facts() {
        return new PersonFacts(origin, arrivalDate, hubeiContact, source, registeredAt, registeredBy, traceCalls,
                verification, inHomeQuarantine, departure, override, quarantine, breach, unregisteredArrival);
    }

    @EventSourcingHandler
    void on(PersonRegistered event) {
        sequence++;
        personId = event.personId();
        name = event.name();
        phone = event.phone();
        origin = event.origin();
        arrivalDate = event.arrivalDate();
        compound = event.compound();
        compoundId = event.compoundId();
        address = event.address();
        transport = event.transport();
        hubeiContact = event.hubeiContact();
        source = event.source();
        registeredAt = event.registeredAt();
        registeredBy = event.registeredBy();
    }

    @EventSourcingHandler
    void on(TraceCallRecorded event) {
        sequence++;
        traceCalls.add(new PersonFacts.TraceCall(event.outcome(), event.calledBy(), event.calledAt()));
    }

    @EventSourcingHandler
    void on(PersonVerified event) {
        sequence++;
        verification = new PersonFacts.Verification(event.verifiedBy(), event.verifiedAt());
        inHomeQuarantine = event.inHomeQuarantine();
    }

    @EventSourcingHandler
    void on(PersonDeparted event) {
        sequence++;
        departure = new PersonFacts.Departure(event.destination(), event.departedAt());
    }

    @EventSourcingHandler
    void on(NoticeSigned event) {
        sequence++;
        notices.add(event.kind());
    }

    @EventSourcingHandler
    void on(PersonDetailsCorrected event) {
        sequence++;
        List<String> changed = event.changedFields();
        if (changed.contains("name")) {
            name = event.name();
        }
        if (changed.contains("phone")) {
            phone = event.phone();
        }
        if (changed.contains("origin")) {
            origin = event.origin();
        }
        if (changed.contains("arrivalDate")) {
            arrivalDate = event.arrivalDate();
        }
        if (changed.contains("compound")) {
            compound = event.compound();
        }
        if (changed.contains("address")) {
            address = event.address();
        }
        if (changed.contains("transport")) {
            transport = event.transport();
        }
        if (changed.contains("hubeiContact")) {
            hubeiContact = event.hubeiContact();
        }
        if (changed.contains("compoundId")) {
            compoundId = event.compoundId();
        }
    }

    @EventSourcingHandler
    void on(ColourOverrideSet event) {
        sequence++;
        override = new PersonFacts.Override(event.colour(), event.reason(), event.setBy(), event.setAt());
    }

    @EventSourcingHandler
    void on(ColourOverrideLifted event) {
        sequence++;
        override = null;
    }

    @EventSourcingHandler
    void on(ReportDeadlinePassed event) {
        sequence++;
        reportDeadlinePassed = true;
    }

    @EventSourcingHandler
    void on(RiskColourChanged event) {
        sequence++;
        colour = event.to();
        colourRule = event.rule();
        if (event.causedBy() != null && ColourRulesAdopted.class.getSimpleName().equals(event.causedBy().type())) {
            adoptedRules.put(event.ruleVersion(), event);
        }
    }

    @EventSourcingHandler
    void on(ColourRulesAdopted event) {
        sequence++;
    }

    @EventSourcingHandler
    void on(QuarantineStartNoted event) {
        sequence++;
        noted.add(START + event.caseId());
        quarantine = new PersonFacts.Quarantine(event.caseId(), event.kind(), event.startedAt(), null, null);
    }

    @EventSourcingHandler
    void on(QuarantineEndNoted event) {
        sequence++;
        noted.add(END + event.caseId());
        if (quarantine != null && quarantine.caseId().equals(event.caseId())) {
            quarantine = new PersonFacts.Quarantine(quarantine.caseId(), quarantine.kind(), quarantine.startedAt(),
                    event.endedAt(), event.ending());
        }
    }

    @EventSourcingHandler
    void on(QuarantineBreachNoted event) {
        sequence++;
        noted.add(CROSSING + event.crossingId());
        breach = new PersonFacts.Breach(event.crossingId(), event.checkpointId(), event.rule(), event.occurredAt());
    }

    @EventSourcingHandler
    void on(UnregisteredArrivalFlagged event) {
        sequence++;
        noted.add(CROSSING + event.crossingId());
        unregisteredArrival = new PersonFacts.UnregisteredArrival(event.crossingId(), event.checkpointId(),
                event.reason(), event.occurredAt());
    }

    /** The fields a re-registration gives differently; a field it leaves out is not a difference. */
    private static final class Corrections {
        private final List<String> changed = new ArrayList<>();

        void compare(String field, Object current, Object given) {
            if (given != null && !Objects.equals(current, given)) {
                changed.add(field);
            }
        }

        <T> T value(String field, T given) {
            return changed.contains(field) ? given : null;
        }
    }
}
