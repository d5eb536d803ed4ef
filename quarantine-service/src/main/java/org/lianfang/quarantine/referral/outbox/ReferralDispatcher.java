package org.lianfang.quarantine.referral.outbox;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.RecordReferralOutcomeCommand;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Works the referral outbox: delivers each due referral through the circuit breaker, tells the case
 * what the clinic answered, and only then marks the referral done. A crash in between only means
 * the referral is delivered again under the same {@code Idempotency-Key} (the clinic recognises it)
 * and the case is told again (it ignores a status it already has). Failures that may pass wait
 * with exponential backoff; the outbox lives in the database, so a restart loses none.
 */
public class ReferralDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ReferralDispatcher.class);

    private final ReferralOutbox outbox;
    private final FeverClinicClient clinic;
    private final CircuitBreaker breaker;
    private final CommandGateway commands;
    private final Clock clock;
    private final FeverClinicProperties properties;
    private final ReferralBackoff backoff;
    private final MeterRegistry meters;
    private final AtomicLong pending = new AtomicLong();

    public ReferralDispatcher(ReferralOutbox outbox, FeverClinicClient clinic, CircuitBreaker breaker,
                              CommandGateway commands, Clock clock, FeverClinicProperties properties,
                              MeterRegistry meters) {
        this.outbox = outbox;
        this.clinic = clinic;
        this.breaker = breaker;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
        this.backoff = new ReferralBackoff(properties.initialBackoff(), properties.maxBackoff());
        this.meters = meters;
        meters.gauge("quarantine.referrals.pending", pending);
    }

    @Scheduled(fixedDelayString = "${quarantine.fever-clinic.dispatch-interval:5s}",
            initialDelayString = "${quarantine.fever-clinic.dispatch-interval:5s}")
    public void scheduled() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            log.warn("Could not work the referral outbox; the next round retries", e);
        }
    }

    /** Delivers the referrals that are due; answers how many were delivered for good this round. */
    public int dispatch() {
        Instant now = clock.instant();
        List<ReferralOutbox.Entry> all = outbox.pending();
        pending.set(all.size());
        if (clinic == null) {
            return 0;
        }
        List<ReferralOutbox.Entry> due = all.stream().filter(entry -> !entry.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(ReferralOutbox.Entry::nextAttemptAt)).limit(properties.batchSize())
                .toList();
        int done = 0;
        for (ReferralOutbox.Entry entry : due) {
            if (outbox.lease(entry, now, now.plus(properties.lease()))) {
                done += deliver(entry) ? 1 : 0;
            }
        }
        return done;
    }

    private boolean deliver(ReferralOutbox.Entry entry) {
        int attempts = entry.attempts() + 1;
        FeverClinicClient.ClinicReferral referral = new FeverClinicClient.ClinicReferral(entry.referralId(),
                entry.caseId(), entry.personId(), entry.communityId(), entry.compoundId(), entry.celsius(),
                entry.occurredAt(), entry.requestedAt());
        try {
            FeverClinicClient.Receipt receipt = breaker.executeSupplier(() -> clinic.refer(referral));
            ReferralStatus status = receipt.accepted() ? ReferralStatus.ACCEPTED : ReferralStatus.SENT;
            tell(entry, status, receipt.reference(), null, attempts);
            outbox.complete(entry.referralId(), status, attempts, receipt.reference(), null, clock.instant());
            count(status.name().toLowerCase());
            return true;
        } catch (FeverClinicClient.Refused refused) {
            tell(entry, ReferralStatus.FAILED, null, refused.getMessage(), attempts);
            outbox.complete(entry.referralId(), ReferralStatus.FAILED, attempts, null, refused.getMessage(),
                    clock.instant());
            count("refused");
            log.warn("The fever clinic refused referral {}: {}", entry.referralId(), refused.getMessage());
            return true;
        } catch (CallNotPermittedException open) {
            retryLater(entry, attempts, "circuit open: the clinic failed too often recently");
            count("circuit_open");
        } catch (FeverClinicClient.Unavailable unavailable) {
            retryLater(entry, attempts, unavailable.getMessage());
            count("unavailable");
        } catch (RuntimeException unexpected) {
            retryLater(entry, attempts, unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage());
            count("error");
            log.warn("Delivering referral {} failed; it is retried", entry.referralId(), unexpected);
        }
        return false;
    }

    private void retryLater(ReferralOutbox.Entry entry, int attempts, String reason) {
        Instant next = clock.instant().plus(backoff.after(attempts, entry.referralId()));
        outbox.reschedule(entry.referralId(), attempts, next, reason);
        try {
            tell(entry, ReferralStatus.RETRYING, null, reason, attempts);
        } catch (RuntimeException e) {
            log.debug("Could not mark referral {} as retrying; the next failure tells the case", entry.referralId(), e);
        }
    }

    private void tell(ReferralOutbox.Entry entry, ReferralStatus status, String reference, String reason,
                      int attempts) {
        commands.sendAndWait(new RecordReferralOutcomeCommand(QuarantineCaseId.of(entry.caseId()),
                entry.referralId(), status, reference, reason, attempts));
    }

    private void count(String outcome) {
        meters.counter("quarantine.referrals.deliveries", "outcome", outcome).increment();
    }
}
