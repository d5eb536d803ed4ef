package org.lianfang.checkpoint.crossing.command;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.lianfang.checkpoint.checkpoints.query.CheckpointView;
import org.lianfang.checkpoint.crossing.query.CrossingQueries;
import org.lianfang.checkpoint.crossing.query.CrossingView;
import org.lianfang.checkpoint.gate.GateDecision;
import org.lianfang.checkpoint.gate.GateDenial;
import org.lianfang.checkpoint.gate.GateFacts;
import org.lianfang.checkpoint.gate.GateRules;
import org.lianfang.checkpoint.gate.PersonStatus;
import org.lianfang.checkpoint.people.GatePeople;
import org.lianfang.checkpoint.pass.query.PassQueries;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.checkpoint.ArrivalReport;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.GateVerdict;
import org.lianfang.contracts.checkpoint.PassCheck;
import org.lianfang.contracts.checkpoint.QuarantineBreach;
import org.lianfang.contracts.checkpoint.RecordCrossingCommand;
import org.lianfang.contracts.checkpoint.UsePassCommand;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Decides and records a crossing. Everything it decides from is local and keyed: the checkpoint's
 * own stream, the people documents fed by the registry's and quarantine's events, the pass's own
 * stream. A crossing already recorded under the same tablet and sequence is returned as it was
 * decided then: the hot path does not look for it first (a retry is rare), the append of its
 * stream collides instead, and the first verdict is read back; a pass counts an exit once per
 * crossing id, so deciding a retry again spends nothing twice. Only the pass's exits are counted
 * under a lock (the pass).
 */
@Service
public class GateKeeper {

    /** The crossing and whether this call recorded it (false: a retry of one recorded before). */
    public record Outcome(CrossingView crossing, boolean recorded) {
    }

    private final CommandGateway commands;
    private final GatePeople people;
    private final PassQueries passes;
    private final CrossingQueries crossings;
    private final GateRules rules;
    private final Clock clock;
    private final ZoneId zone;

    public GateKeeper(CommandGateway commands, GatePeople people, PassQueries passes, CrossingQueries crossings,
                      GateRules rules, Clock clock, ZoneId communityZone) {
        this.commands = commands;
        this.people = people;
        this.passes = passes;
        this.crossings = crossings;
        this.rules = rules;
        this.clock = clock;
        this.zone = communityZone;
    }

    public Outcome record(CheckpointView checkpoint, CrossingInput input) {
        String crossingId = CrossingIds.of(checkpoint.communityId(), input.tabletId(), input.sequence());
        if (!checkpoint.open()) {
            Optional<CrossingView> existing = crossings.find(crossingId);
            if (existing.isPresent()) {
                return new Outcome(sameOrRefuse(existing.get(), checkpoint, input), false);
            }
            throw new RuleViolationException("checkpoint-closed", "Checkpoint " + checkpoint.id()
                    + " is closed; no crossing can be recorded there until it opens.");
        }
        List<PersonStatus> persons = new ArrayList<>();
        String personId = input.personId();
        String idHash = null;
        if (input.subject() == CrossingSubject.PERSON) {
            if (personId == null) {
                idHash = people.hash(input.residentIdNumber());
                personId = people.personIdOf(input.residentIdNumber()).orElse(null);
            }
            if (personId == null) {
                persons.add(PersonStatus.unknown());
            } else {
                persons.add(known(List.of(personId)).get(personId));
            }
        } else {
            Map<String, PersonStatus> occupants = known(input.occupantPersonIds());
            input.occupantPersonIds().forEach(id -> persons.add(occupants.get(id)));
        }
        if (input.passId() != null && passes.find(input.passId()).isEmpty()) {
            throw ResourceNotFoundException.of("pass", input.passId());
        }
        GateFacts facts = new GateFacts(input.subject(), input.direction(), input.temperatureCelsius(), persons,
                checkpoint.passRequiredToGoOut(), input.passId() != null);
        GateDecision decision = rules.decide(facts);
        Instant recordedAt = clock.instant();
        CrossingDetails details = new CrossingDetails(crossingId, CheckpointId.of(checkpoint.id()),
                checkpoint.communityId(), checkpoint.compoundId(), input.tabletId(), input.sequence(),
                input.subject(), personId, idHash,
                input.residentIdNumber() == null ? null : input.residentIdNumber().masked(), input.plate(),
                input.occupantPersonIds(), input.occupantCount(), input.direction(), input.temperatureCelsius(),
                input.passId(), input.operator(), input.occurredAt(), recordedAt);
        if (decision.spendsPass()) {
            List<String> households = persons.stream().flatMap(p -> p.householdIds().stream()).distinct().toList();
            PassCheck check = commands.sendAndWait(new UsePassCommand(input.passId(), crossingId,
                    details.personIds(), households, checkpoint.compoundId(), input.occurredAt()));
            if (!check.accepted()) {
                decision = decision.deniedBy(new GateDenial(check.rule(), check.reason()));
            }
        }
        GateVerdict verdict = new GateVerdict(decision.allowed(), decision.denial().map(GateDenial::rule).orElse(null),
                decision.denial().map(GateDenial::reason).orElse(null), decision.ruleVersion(), decision.flags());
        ArrivalReport arrival = decision.arrival().map(finding -> new ArrivalReport(finding.knownPersonId(),
                finding.knownPersonId() == null && input.residentIdNumber() != null
                        ? input.residentIdNumber().value() : null,
                input.name(), input.phone(), input.origin(), input.comingFrom(),
                input.occurredAt().atZone(zone).toLocalDate(), finding.reason())).orElse(null);
        PersonStatus breach = decision.allowed() ? null : decision.breach().orElse(null);
        String breachCaseId = breach == null ? null : breach.quarantineCaseId();
        try {
            commands.sendAndWait(new RecordCrossingCommand(crossingId, details, verdict, arrival,
                    breach == null ? null : new QuarantineBreach(breach.personId(), breachCaseId)));
        } catch (AggregateStreamCreationException | ConcurrencyException retry) {
            // The crossing's stream exists: this upload is a retry (or reuses a tablet sequence).
            CrossingView first = crossings.find(crossingId).orElseThrow(() -> retry);
            return new Outcome(sameOrRefuse(first, checkpoint, input), false);
        }
        return new Outcome(new CrossingView(details, verdict.allowed(), verdict.rule(), verdict.reason(),
                verdict.ruleVersion(), verdict.flags(), breachCaseId, arrival != null), true);
    }

    private Map<String, PersonStatus> known(List<String> personIds) {
        Map<String, PersonStatus> statuses = people.statusOf(List.copyOf(new LinkedHashSet<>(personIds)));
        for (String id : personIds) {
            if (!statuses.containsKey(id)) {
                throw ResourceNotFoundException.of("person", id);
            }
        }
        return statuses;
    }

    /** A tablet sequence names one crossing: the same upload again is a retry, another one a client bug. */
    private static CrossingView sameOrRefuse(CrossingView existing, CheckpointView checkpoint, CrossingInput input) {
        CrossingDetails d = existing.details();
        boolean same = d.checkpointId().value().equals(checkpoint.id()) && d.direction() == input.direction()
                && d.subject() == input.subject() && d.occurredAt().equals(input.occurredAt())
                && (input.personId() == null || input.personId().equals(d.personId()))
                && Objects.equals(input.plate(), d.plate());
        if (!same) {
            throw new RuleViolationException("tablet-sequence-reused", "Tablet " + input.tabletId()
                    + " already uploaded crossing " + input.sequence() + " with other details ("
                    + d.crossingId() + ").");
        }
        return existing;
    }
}
