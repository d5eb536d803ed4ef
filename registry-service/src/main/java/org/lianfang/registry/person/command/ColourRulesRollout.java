package org.lianfang.registry.person.command;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.lianfang.contracts.registry.AdoptColourRulesCommand;
import org.lianfang.contracts.registry.ApplyColourRulesCommand;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.query.ColourRuleVersions;
import org.lianfang.registry.person.query.PersonIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies a new version of the colour rules: records it (from then on every decision uses it),
 * then asks every known person to decide their colour again under it, as of the moment it was
 * applied. Each person adopts a version at most once, so applying the same version again finishes
 * a rollout that stopped half-way and reports the same changes.
 */
@Component
public class ColourRulesRollout {

    private static final Logger log = LoggerFactory.getLogger(ColourRulesRollout.class);
    private static final int PAGE = 500;

    private final CommandGateway commands;
    private final ColourRuleVersions versions;
    private final PersonIndex index;

    public ColourRulesRollout(CommandGateway commands, ColourRuleVersions versions, PersonIndex index) {
        this.commands = commands;
        this.versions = versions;
        this.index = index;
    }

    /**
     * What applying a version did.
     *
     * @param newlyApplied false when the version was in force already (the rollout was finished again)
     * @param examined     the persons asked
     * @param changes      the colour changes the version made, in person id order
     */
    public record Result(ColourRuleVersions.Version version, boolean newlyApplied, int examined,
            List<RiskColourChanged> changes) {
    }

    public Result apply(ApplyColourRulesCommand command) {
        Boolean applied = commands.sendAndWait(command);
        ColourRuleVersions.Version version = versions.version(command.version()).orElseThrow();
        ColourRuleParameters parameters = version.parameters();
        List<RiskColourChanged> changes = new ArrayList<>();
        int examined = 0;
        String cursor = null;
        while (true) {
            List<String> ids = index.find(null, null, null, null, null, cursor, PAGE);
            for (String id : ids) {
                try {
                    RiskColourChanged change = commands.sendAndWait(new AdoptColourRulesCommand(PersonId.of(id),
                            parameters.version(), parameters.reportDeadline(), parameters.unreachableAttempts(),
                            parameters.zone().getId(), version.eventId(), version.appliedAt()));
                    examined++;
                    if (change != null) {
                        changes.add(change);
                    }
                } catch (AggregateNotFoundException e) {
                    log.warn("Person {} is indexed but has no events; skipped", id);
                }
            }
            if (ids.size() < PAGE) {
                break;
            }
            cursor = ids.get(ids.size() - 1);
        }
        return new Result(version, !Boolean.FALSE.equals(applied), examined, changes);
    }
}
