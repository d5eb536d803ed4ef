package org.lianfang.registry.person.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.registry.ApplyColourRulesCommand;
import org.lianfang.contracts.registry.ColourRulesApplied;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.ColourRulesInForce;

/**
 * The registry's one set of colour-rule parameters as a history of named versions. A version
 * name is used once: the same name with the same parameters again is a no-op (so an interrupted
 * rollout can be finished by asking again), with other parameters a conflict.
 */
@Aggregate
public class ColourRules {

    @AggregateIdentifier
    private String rulesId;
    /** The configured version in force before the first applied one. */
    private String initialVersion;
    private Map<String, ColourRuleParameters> versions = new HashMap<>();

    protected ColourRules() {
    }

    /** Returns whether a new version was put in force. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(ApplyColourRulesCommand command, ColourRulesInForce rules) {
        ColourRuleParameters current = rules.policy().parameters();
        ColourRuleParameters wanted = new ColourRuleParameters(command.reportDeadline(),
                command.unreachableAttempts(), ZoneId.of(command.zone()), command.version());
        ColourRuleParameters earlier = versions.get(command.version());
        if (earlier != null) {
            if (earlier.equals(wanted)) {
                return false;
            }
            throw new RuleViolationException("colour-rules-version-taken", "The version " + command.version()
                    + " already names other parameters; choose a new version name.");
        }
        String configured = initialVersion == null ? current.version() : initialVersion;
        if (command.version().equals(configured)) {
            throw new RuleViolationException("colour-rules-version-taken", "The version " + command.version()
                    + " names the configured defaults; choose a new version name.");
        }
        if (sameNumbers(current, wanted)) {
            throw new RuleViolationException("colour-rules-unchanged", "The parameters are those of version "
                    + current.version() + ", which is in force.");
        }
        apply(new ColourRulesApplied(command.version(), command.reportDeadline(), command.unreachableAttempts(),
                command.zone(), current.version(), command.reason(), command.appliedBy(), command.appliedAt()));
        return true;
    }

    private static boolean sameNumbers(ColourRuleParameters a, ColourRuleParameters b) {
        return a.reportDeadline().equals(b.reportDeadline()) && a.unreachableAttempts() == b.unreachableAttempts()
                && a.zone().equals(b.zone());
    }

    @EventSourcingHandler
    void on(ColourRulesApplied event) {
        rulesId = ApplyColourRulesCommand.RULES_ID;
        if (initialVersion == null) {
            initialVersion = event.previousVersion();
        }
        versions.put(event.version(), new ColourRuleParameters(event.reportDeadline(), event.unreachableAttempts(),
                ZoneId.of(event.zone()), event.version()));
    }
}
