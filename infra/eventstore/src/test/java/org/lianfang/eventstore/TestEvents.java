package org.lianfang.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Event payloads and factories shared by the engine's tests. */
final class TestEvents {

    private TestEvents() {
    }

    record Happened(String aggregateId, int n) {
    }

    record Precise(BigDecimal amount, long big, Instant at, Map<String, String> labels) {
    }

    record Snapshot(String aggregateId, int count) {
    }

    static DomainEventMessage<Happened> event(String aggregateId, long seq) {
        return new GenericDomainEventMessage<>("Thing", aggregateId, seq, new Happened(aggregateId, (int) seq));
    }

    static DomainEventMessage<Happened> personEvent(String aggregateId, long seq, String... personIds) {
        return new GenericDomainEventMessage<>("Thing", aggregateId, seq, new Happened(aggregateId, (int) seq),
                MetaData.with("personIds", List.of(personIds)));
    }
}
