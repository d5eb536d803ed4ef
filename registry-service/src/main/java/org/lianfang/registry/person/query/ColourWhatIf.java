package org.lianfang.registry.person.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.registry.person.colour.ColourAssessment;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.PersonFactsFold;
import org.lianfang.registry.person.colour.RiskColourPolicy;
import org.springframework.stereotype.Component;

/**
 * Re-runs the colour rules under other parameters over the stored persons and says whose colour
 * would differ, and why — reading each person's own events (a keyed read) and writing nothing.
 */
@Component
public class ColourWhatIf {

    private final PersonIndex index;
    private final EventStore eventStore;
    private final Clock clock;

    public ColourWhatIf(PersonIndex index, EventStore eventStore, Clock clock) {
        this.index = index;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** A person whose colour would change: as recorded now, and as the other rules would have it. */
    public record Change(String personId, String compound, RiskColour colour, String rule, String ruleVersion,
            RiskColour wouldBe, String wouldBeRule, String reason, ColourOwner owner) {
    }

    /** One page of the run: how many persons were looked at, the changes among them, and where to go on. */
    public record Result(Instant at, ColourRuleParameters parameters, int examined, List<Change> changes,
            String nextCursor) {
    }

    /**
     * Examines up to {@code limit} persons of {@code community} (null = all) in id order after
     * {@code cursor} and lists those whose colour {@code parameters} would change.
     */
    public Result run(ColourRuleParameters parameters, String community, String compound, String cursor, int limit) {
        RiskColourPolicy policy = new RiskColourPolicy(parameters);
        Instant now = clock.instant();
        List<String> ids = index.find(community, compound, null, null, null, cursor, limit + 1);
        List<Change> changes = new ArrayList<>();
        int examined = 0;
        for (String id : ids.subList(0, Math.min(limit, ids.size()))) {
            PersonFactsFold fold = new PersonFactsFold();
            eventStore.readEvents(id, 0).asStream().forEach(event -> fold.apply(event.getPayload()));
            if (!fold.registered()) {
                continue;
            }
            examined++;
            ColourAssessment would = policy.assess(fold.facts(), now);
            if (would.colour() != fold.colour()) {
                changes.add(new Change(id, fold.compound(), fold.colour(), fold.rule(), fold.ruleVersion(),
                        would.colour(), would.rule().name(), would.reason(), would.owner()));
            }
        }
        return new Result(now, parameters, examined, changes, ids.size() > limit ? ids.get(limit - 1) : null);
    }
}
