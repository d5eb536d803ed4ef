package org.lianfang.quarantine.cases.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.quarantine.CheckMissed;
import org.lianfang.contracts.quarantine.CompleteQuarantineCommand;
import org.lianfang.contracts.quarantine.ExtendQuarantineCommand;
import org.lianfang.contracts.quarantine.FeverDetected;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.QuarantineTransferred;
import org.lianfang.contracts.quarantine.RecordMissedCheckCommand;
import org.lianfang.contracts.quarantine.RecordTemperatureCommand;
import org.lianfang.contracts.quarantine.ReleaseQuarantineEarlyCommand;
import org.lianfang.contracts.quarantine.ReportSymptomCommand;
import org.lianfang.contracts.quarantine.StartQuarantineCommand;
import org.lianfang.contracts.quarantine.SymptomReported;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.contracts.quarantine.TransferQuarantineCommand;

/**
 * One person's quarantine (隔离案例): from arrival to completion or early release. It decides with
 * the named policies and the injected clock, so the rules read in one place and tests control time.
 */
@Aggregate
public class QuarantineCase {

    /** The rule named when a command reaches a case that has ended. */
    public static final String CASE_ENDED = "quarantine-ended";

    @AggregateIdentifier
    private QuarantineCaseId caseId;
    private String personId;
    private LocalDate arrivalDate;
    private Instant endsAt;
    private QuarantineStatus status;
    private final List<Instant> fevers = new ArrayList<>();
    private final List<Instant> readings = new ArrayList<>();
    private final Set<String> missedWindows = new HashSet<>();

    protected QuarantineCase() {
    }

    @CommandHandler
    public QuarantineCase(StartQuarantineCommand command, QuarantinePolicies policies, Clock clock) {
        Instant now = clock.instant();
        if (policies.period().startsAt(command.arrivalDate()).isAfter(now)) {
            throw new InvalidCaseInputException("arrivalDate", "must not be in the future");
        }
        apply(new QuarantineStarted(command.caseId(), command.personId(), command.kind(), command.arrivalDate(),
                policies.period().endsAt(command.arrivalDate(), 0), command.reason(), command.startedBy(), now));
    }

    @CommandHandler
    void handle(RecordTemperatureCommand command, QuarantinePolicies policies, Clock clock) {
        requireActive();
        Instant now = clock.instant();
        Instant periodStart = policies.period().startsAt(arrivalDate);
        policies.readings().problemWith(command.celsius(), command.occurredAt(), periodStart, now)
                .ifPresent(problem -> {
                    throw problem;
                });
        apply(new TemperatureRecorded(caseId, personId, command.celsius(), command.method(), command.medic(),
                command.occurredAt(), now));
        if (policies.fever().isFever(command.celsius())) {
            apply(new FeverDetected(caseId, personId, command.celsius(), policies.fever().threshold(),
                    command.occurredAt()));
        }
    }

    @CommandHandler
    void handle(ReportSymptomCommand command, QuarantinePolicies policies, Clock clock) {
        requireActive();
        Instant now = clock.instant();
        policies.readings().problemWithTime(command.occurredAt(), policies.period().startsAt(arrivalDate), now)
                .ifPresent(problem -> {
                    throw problem;
                });
        apply(new SymptomReported(caseId, personId, command.symptoms(), command.notes(), command.reportedBy(),
                command.occurredAt(), now));
    }

    @CommandHandler
    void handle(ExtendQuarantineCommand command, QuarantinePolicies policies, Clock clock) {
        requireActive();
        if (command.days() < 1) {
            throw new RuleViolationException("extension-must-add-days", "An extension must add at least one day.");
        }
        apply(new QuarantineExtended(caseId, personId, command.days(), command.reason(), command.extendedBy(),
                policies.period().extend(endsAt, command.days()), clock.instant()));
    }

    @CommandHandler
    void handle(TransferQuarantineCommand command, Clock clock) {
        requireActive();
        apply(new QuarantineTransferred(caseId, personId, command.facility(), command.reason(),
                command.transferredBy(), clock.instant()));
    }

    @CommandHandler
    void handle(ReleaseQuarantineEarlyCommand command, Clock clock) {
        requireActive();
        apply(new QuarantineReleasedEarly(caseId, personId, command.reason(), command.medic(), clock.instant()));
    }

    @CommandHandler
    void handle(CompleteQuarantineCommand command, QuarantinePolicies policies, Clock clock) {
        requireActive();
        Instant now = clock.instant();
        policies.completion().refusal(now, endsAt, fevers).ifPresent(refusal -> {
            throw new RuleViolationException(refusal.rule(), refusal.detail());
        });
        apply(new QuarantineCompleted(caseId, personId, command.completedBy(), now));
    }

    /** Raises {@link CheckMissed} at most once per window; answers whether the case is still active. */
    @CommandHandler
    boolean handle(RecordMissedCheckCommand command, Clock clock) {
        if (status != QuarantineStatus.ACTIVE) {
            return false;
        }
        boolean read = readings.stream().anyMatch(at -> !at.isBefore(command.opensAt())
                && at.isBefore(command.closesAt()));
        if (!read && !missedWindows.contains(command.window()) && command.opensAt().isBefore(endsAt)) {
            apply(new CheckMissed(caseId, personId, command.window(), command.opensAt(), command.closesAt(),
                    clock.instant()));
        }
        return true;
    }

    private void requireActive() {
        if (status != QuarantineStatus.ACTIVE) {
            throw new RuleViolationException(CASE_ENDED, "Quarantine case " + caseId + " has ended ("
                    + status + "); it accepts no further records.");
        }
    }

    @EventSourcingHandler
    void on(QuarantineStarted event) {
        caseId = event.caseId();
        personId = event.personId();
        arrivalDate = event.arrivalDate();
        endsAt = event.endsAt();
        status = QuarantineStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TemperatureRecorded event) {
        readings.add(event.occurredAt());
    }

    @EventSourcingHandler
    void on(CheckMissed event) {
        missedWindows.add(event.window());
    }

    @EventSourcingHandler
    void on(FeverDetected event) {
        fevers.add(event.occurredAt());
    }

    @EventSourcingHandler
    void on(QuarantineExtended event) {
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(QuarantineReleasedEarly event) {
        status = QuarantineStatus.RELEASED_EARLY;
    }

    @EventSourcingHandler
    void on(QuarantineCompleted event) {
        status = QuarantineStatus.COMPLETED;
    }
}
