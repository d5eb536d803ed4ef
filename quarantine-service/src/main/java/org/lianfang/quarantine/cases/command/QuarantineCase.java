package org.lianfang.quarantine.cases.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.lianfang.contracts.quarantine.FeverReferralAccepted;
import org.lianfang.contracts.quarantine.FeverReferralFailed;
import org.lianfang.contracts.quarantine.FeverReferralRequested;
import org.lianfang.contracts.quarantine.FeverReferralRetrying;
import org.lianfang.contracts.quarantine.FeverReferralSent;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.QuarantineTransferred;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.lianfang.contracts.quarantine.QuarantineBreachRecorded;
import org.lianfang.contracts.quarantine.RecordBreachAttemptCommand;
import org.lianfang.contracts.quarantine.RecordDeliveryProgressCommand;
import org.lianfang.contracts.quarantine.RequestSuppliesCommand;
import org.lianfang.contracts.quarantine.SupplyDeliveryProgressed;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.quarantine.RecordMissedCheckCommand;
import org.lianfang.contracts.quarantine.RecordReferralOutcomeCommand;
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
    private String communityId;
    private String compoundId;
    private LocalDate arrivalDate;
    private Instant endsAt;
    private QuarantineStatus status;
    private final List<Instant> fevers = new ArrayList<>();
    private final List<Instant> readings = new ArrayList<>();
    private final Set<String> missedWindows = new HashSet<>();
    private final Map<String, ReferralPolicy.Made> referrals = new LinkedHashMap<>();
    private final Set<String> breachCrossings = new HashSet<>();
    private final Map<String, Set<DeliveryStage>> supplyRequests = new LinkedHashMap<>();

    protected QuarantineCase() {
    }

    @CommandHandler
    public QuarantineCase(StartQuarantineCommand command, QuarantinePolicies policies, Clock clock) {
        Instant now = clock.instant();
        if (policies.period().startsAt(command.arrivalDate()).isAfter(now)) {
            throw new InvalidCaseInputException("arrivalDate", "must not be in the future");
        }
        apply(new QuarantineStarted(command.caseId(), command.personId(), command.kind(), command.arrivalDate(),
                policies.period().endsAt(command.arrivalDate(), 0), command.reason(), command.startedBy(), now,
                command.communityId(), command.compoundId()));
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
            if (policies.referrals().refers(command.occurredAt(), referrals.values())) {
                apply(new FeverReferralRequested(caseId.value() + "-r" + (referrals.size() + 1), caseId, personId,
                        communityId, compoundId, command.celsius(), command.occurredAt(), now));
            }
        }
    }

    /**
     * Records what became of delivering a referral. Accepted after the case ended too: the clinic's
     * answer is still a fact about this case. Unknown referrals and backward moves change nothing.
     */
    @CommandHandler
    void handle(RecordReferralOutcomeCommand command, QuarantinePolicies policies, Clock clock) {
        ReferralPolicy.Made made = referrals.get(command.referralId());
        if (made == null || !policies.referrals().canMove(made.status(), command.status())) {
            return;
        }
        Instant now = clock.instant();
        switch (command.status()) {
            case RETRYING -> apply(new FeverReferralRetrying(command.referralId(), caseId, personId, command.reason(),
                    command.attempts(), now));
            case SENT -> apply(new FeverReferralSent(command.referralId(), caseId, personId,
                    command.clinicReference(), command.attempts(), now));
            case ACCEPTED -> {
                if (made.status() != ReferralStatus.SENT) {
                    apply(new FeverReferralSent(command.referralId(), caseId, personId, command.clinicReference(),
                            command.attempts(), now));
                }
                apply(new FeverReferralAccepted(command.referralId(), caseId, personId, command.clinicReference(),
                        now));
            }
            case FAILED -> apply(new FeverReferralFailed(command.referralId(), caseId, personId, command.reason(),
                    command.attempts(), now));
            case PENDING -> {
            }
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

    /**
     * Records a breach attempt a checkpoint reported, once per crossing. An ended case records it
     * too: the checkpoint saw the person as quarantined, which is worth knowing either way.
     */
    @CommandHandler
    void handle(RecordBreachAttemptCommand command) {
        if (breachCrossings.contains(command.crossingId())) {
            return;
        }
        apply(new QuarantineBreachRecorded(caseId, personId, command.crossingId(), command.checkpointId(),
                command.rule(), command.operator(), command.occurredAt(), command.recordedAt()));
    }

    /** Opens a supply request for the household; answers its id, which the delivery will refer to. */
    @CommandHandler
    String handle(RequestSuppliesCommand command, Clock clock) {
        requireActive();
        if (command.items().isEmpty()) {
            throw new InvalidCaseInputException("items", "must name at least one item");
        }
        if (command.address() == null || command.address().isBlank()) {
            throw new InvalidCaseInputException("address", "is required: where should the goods be left?");
        }
        String requestId = caseId.value() + "-s" + (supplyRequests.size() + 1);
        apply(new SupplyRequested(requestId, caseId, personId, communityId, compoundId, command.householdId(),
                command.address(), command.items(), command.notes(), command.requestedBy(), clock.instant()));
        return requestId;
    }

    /** Records a delivery stage of one of the case's supply requests, once per stage; ended cases too. */
    @CommandHandler
    void handle(RecordDeliveryProgressCommand command) {
        Set<DeliveryStage> reached = supplyRequests.get(command.requestId());
        if (reached == null || reached.contains(command.stage())) {
            return;
        }
        boolean delivered = command.stage() == DeliveryStage.LEFT_AT_DOOR || command.stage() == DeliveryStage.CONFIRMED;
        apply(new SupplyDeliveryProgressed(caseId, personId, command.requestId(), command.orderId(), command.stage(),
                delivered, command.volunteerId(), command.reason(), command.at()));
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
        communityId = event.communityId();
        compoundId = event.compoundId();
        status = QuarantineStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(SupplyRequested event) {
        supplyRequests.put(event.requestId(), new HashSet<>());
    }

    @EventSourcingHandler
    void on(SupplyDeliveryProgressed event) {
        supplyRequests.computeIfAbsent(event.requestId(), id -> new HashSet<>()).add(event.stage());
    }

    @EventSourcingHandler
    void on(QuarantineBreachRecorded event) {
        breachCrossings.add(event.crossingId());
    }

    @EventSourcingHandler
    void on(FeverReferralRequested event) {
        referrals.put(event.referralId(), new ReferralPolicy.Made(event.occurredAt(), ReferralStatus.PENDING));
    }

    @EventSourcingHandler
    void on(FeverReferralRetrying event) {
        moveReferral(event.referralId(), ReferralStatus.RETRYING);
    }

    @EventSourcingHandler
    void on(FeverReferralSent event) {
        moveReferral(event.referralId(), ReferralStatus.SENT);
    }

    @EventSourcingHandler
    void on(FeverReferralAccepted event) {
        moveReferral(event.referralId(), ReferralStatus.ACCEPTED);
    }

    @EventSourcingHandler
    void on(FeverReferralFailed event) {
        moveReferral(event.referralId(), ReferralStatus.FAILED);
    }

    private void moveReferral(String referralId, ReferralStatus to) {
        referrals.computeIfPresent(referralId, (id, made) -> new ReferralPolicy.Made(made.feverAt(), to));
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
