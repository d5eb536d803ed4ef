package org.lianfang.checkpoint.pass.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.checkpoint.gate.GateDenial;
import org.lianfang.checkpoint.gate.PassValidityPolicy;
import org.lianfang.contracts.checkpoint.IssuePassCommand;
import org.lianfang.contracts.checkpoint.PassCheck;
import org.lianfang.contracts.checkpoint.PassIssued;
import org.lianfang.contracts.checkpoint.PassRevoked;
import org.lianfang.contracts.checkpoint.PassUsed;
import org.lianfang.contracts.checkpoint.RevokePassCommand;
import org.lianfang.contracts.checkpoint.UsePassCommand;

/**
 * A temporary pass (临时通行证) and the exits spent on it. Exits are counted here, one command at a
 * time, so two gates of the compound cannot both let out "the one member every two days".
 * A pass sees a few exits a week: it is no hot spot.
 */
@Aggregate
public class TemporaryPass {

    private static final PassValidityPolicy POLICY = new PassValidityPolicy();

    @AggregateIdentifier
    private String passId;
    private PassValidityPolicy.Terms terms;
    private Instant revokedAt;
    private final Map<String, Long> exits = new HashMap<>();

    protected TemporaryPass() {
    }

    @CommandHandler
    public TemporaryPass(IssuePassCommand command) {
        apply(new PassIssued(command.passId(), command.communityId(), command.compoundId(), command.householdId(),
                command.personId(), command.validFrom(), command.validTo(), command.limit(), command.note(),
                command.issuedBy(), command.issuedAt()));
    }

    /** Revoking a revoked pass changes nothing. */
    @CommandHandler
    void handle(RevokePassCommand command) {
        if (revokedAt == null) {
            apply(new PassRevoked(passId, command.reason(), command.revokedBy(), command.revokedAt()));
        }
    }

    /** Spends an exit, or says why not; the same crossing again gets "accepted" and spends nothing. */
    @CommandHandler
    PassCheck handle(UsePassCommand command) {
        if (exits.containsKey(command.crossingId())) {
            return PassCheck.ACCEPTED;
        }
        long period = PassValidityPolicy.period(terms, command.occurredAt());
        int spent = (int) exits.values().stream().filter(p -> p == period).count();
        Optional<GateDenial> denial = POLICY.judge(terms, revokedAt, spent, new PassValidityPolicy.Use(
                command.compoundId(), command.personIds(), command.householdIds(), command.occurredAt()));
        if (denial.isPresent()) {
            return PassCheck.refused(denial.get().rule(), denial.get().reason());
        }
        apply(new PassUsed(passId, command.crossingId(), command.personIds(), command.occurredAt(), period));
        return PassCheck.ACCEPTED;
    }

    @EventSourcingHandler
    void on(PassIssued event) {
        passId = event.passId();
        terms = new PassValidityPolicy.Terms(event.compoundId(), event.householdId(), event.personId(),
                event.validFrom(), event.validTo(), event.limit());
    }

    @EventSourcingHandler
    void on(PassRevoked event) {
        revokedAt = event.revokedAt();
    }

    @EventSourcingHandler
    void on(PassUsed event) {
        exits.put(event.crossingId(), event.period());
    }
}
