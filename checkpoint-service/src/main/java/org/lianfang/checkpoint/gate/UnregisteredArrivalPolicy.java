package org.lianfang.checkpoint.gate;

import java.util.Optional;
import java.util.Set;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.contracts.registry.Origin;

/**
 * Someone coming in must be known to the registry; someone known as from Wuhan or elsewhere in
 * Hubei must have reported. Otherwise the crossing is let through (they live here) but flagged,
 * and the registry is told ({@code UnregisteredArrivalDetected}) so it makes a provisional red person.
 */
public final class UnregisteredArrivalPolicy {

    public static final String FLAG = "UNREGISTERED_ARRIVAL";

    private static final Set<Origin> HUBEI = Set.of(Origin.WUHAN, Origin.HUBEI_OTHER);

    /** What to tell the registry. */
    public record Finding(String knownPersonId, String reason) {
    }

    public Optional<Finding> judge(GateFacts facts) {
        if (facts.direction() != Direction.IN || facts.subject() != CrossingSubject.PERSON
                || facts.persons().isEmpty()) {
            return Optional.empty();
        }
        PersonStatus person = facts.persons().get(0);
        if (!person.known()) {
            return Optional.of(new Finding(null, "unknown to the registry"));
        }
        if (HUBEI.contains(person.origin()) && !person.reported()) {
            return Optional.of(new Finding(person.personId(), "known as from " + person.origin()
                    + " but has not reported"));
        }
        return Optional.empty();
    }
}
