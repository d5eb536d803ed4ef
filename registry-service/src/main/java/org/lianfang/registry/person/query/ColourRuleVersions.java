package org.lianfang.registry.person.query;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.registry.ApplyColourRulesCommand;
import org.lianfang.contracts.registry.ColourRulesApplied;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.ColourRulesInForce;
import org.lianfang.registry.person.colour.RiskColourPolicy;

/**
 * Every version of the colour-rule parameters, read from the rule set's own event stream (a keyed
 * read): the configured defaults first, then each applied version. What is in force is re-read
 * whenever the stream grew, so every instance decides with the latest version.
 */
public class ColourRuleVersions implements ColourRulesInForce {

    private final EventStore eventStore;
    private final ColourRuleParameters initial;
    private volatile State state;

    public ColourRuleVersions(EventStore eventStore, ColourRuleParameters initial) {
        this.eventStore = eventStore;
        this.initial = initial;
        this.state = new State(-1, List.of(new Version(initial, null, "configured defaults", null, null, null)),
                new RiskColourPolicy(initial));
    }

    /**
     * One version of the parameters.
     *
     * @param eventId the message id of its {@link ColourRulesApplied}; null for the configured defaults
     */
    public record Version(ColourRuleParameters parameters, String previousVersion, String reason, String appliedBy,
            Instant appliedAt, String eventId) {
    }

    private record State(long lastSequence, List<Version> versions, RiskColourPolicy policy) {
    }

    @Override
    public RiskColourPolicy policy() {
        return current().policy();
    }

    /** Every version, oldest first; the last one is in force. */
    public List<Version> history() {
        return current().versions();
    }

    /** The version named {@code name}, if there is one. */
    public Optional<Version> version(String name) {
        return history().stream().filter(v -> v.parameters().version().equals(name)).reduce((a, b) -> b);
    }

    private State current() {
        long last = eventStore.lastSequenceNumberFor(ApplyColourRulesCommand.RULES_ID).orElse(-1L);
        State known = state;
        if (last == known.lastSequence()) {
            return known;
        }
        List<Version> versions = new ArrayList<>();
        versions.add(new Version(initial, null, "configured defaults", null, null, null));
        long seen = -1;
        for (DomainEventMessage<?> event : eventStore.readEvents(ApplyColourRulesCommand.RULES_ID, 0).asStream()
                .toList()) {
            seen = event.getSequenceNumber();
            if (event.getPayload() instanceof ColourRulesApplied applied) {
                versions.add(new Version(parametersOf(applied), applied.previousVersion(), applied.reason(),
                        applied.appliedBy(), applied.appliedAt(), event.getIdentifier()));
            }
        }
        State fresh = new State(seen, List.copyOf(versions),
                new RiskColourPolicy(versions.get(versions.size() - 1).parameters()));
        state = fresh;
        return fresh;
    }

    /** The parameters an applied version put in force. */
    public static ColourRuleParameters parametersOf(ColourRulesApplied applied) {
        return of(applied.reportDeadline(), applied.unreachableAttempts(), applied.zone(), applied.version());
    }

    private static ColourRuleParameters of(Duration deadline, int attempts, String zone, String version) {
        return new ColourRuleParameters(deadline, attempts, ZoneId.of(zone), version);
    }
}
