package org.lianfang.registry.person.reaction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code registry.reactions{source, outcome}}: how many of another service's events the registry
 * took in, and how many it could not place (unknown person, unusable ID number).
 */
final class ReactionMetrics {

    private final Counter handled;
    private final Counter unknownPerson;
    private final Counter unusable;

    ReactionMetrics(MeterRegistry meters, String source) {
        this.handled = counter(meters, source, "handled");
        this.unknownPerson = counter(meters, source, "unknown-person");
        this.unusable = counter(meters, source, "unusable");
    }

    private static Counter counter(MeterRegistry meters, String source, String outcome) {
        return Counter.builder("registry.reactions").description("Other services' events the registry reacted to")
                .tag("source", source).tag("outcome", outcome).register(meters);
    }

    void handled() {
        handled.increment();
    }

    void unknownPerson() {
        unknownPerson.increment();
    }

    void unusable() {
        unusable.increment();
    }
}
