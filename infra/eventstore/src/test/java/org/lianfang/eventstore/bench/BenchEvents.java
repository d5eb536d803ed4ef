package org.lianfang.eventstore.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events shaped like the suite's: a quarantine case's temperature reading, with the metadata
 * every event carries (person, community, actor, correlation id, source service).
 */
final class BenchEvents {

    static final String AGGREGATE_TYPE = "QuarantineCase";

    private BenchEvents() {
    }

    /** The payload: about 200 bytes of JSON, like most of the suite's events. */
    record TemperatureRecorded(String caseId, String personId, BigDecimal celsius, Instant measuredAt,
                               String medicId, String note) {
    }

    /** A snapshot of a case after many readings. */
    record CaseSnapshot(String caseId, String personId, int readings, BigDecimal lastCelsius, Instant lastAt) {
    }

    /** One event of case {@code caseId}; {@code personId} null means the metadata names nobody. */
    static DomainEventMessage<TemperatureRecorded> reading(String caseId, long seq, String personId) {
        String person = personId == null ? "p-" + caseId : personId;
        TemperatureRecorded payload = new TemperatureRecorded(caseId, person,
                BigDecimal.valueOf(3640 + seq % 90, 2), Instant.now(), "medic-7",
                "morning check at the door, no symptoms reported");
        Map<String, Object> meta = new HashMap<>();
        if (personId != null) {
            meta.put("personIds", List.of(personId));
        }
        meta.put("community", "anguo-road");
        meta.put("actor", "medic-7");
        meta.put("correlationId", UUID.randomUUID().toString());
        meta.put("source", "quarantine-service");
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, caseId, seq, payload, MetaData.from(meta));
    }

    /** {@code count} events of one case from {@code firstSeq}, for a single multi-event commit. */
    static List<DomainEventMessage<?>> readings(String caseId, long firstSeq, int count, String personId) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(reading(caseId, firstSeq + i, personId));
        }
        return events;
    }

    static DomainEventMessage<CaseSnapshot> snapshot(String caseId, long seq) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, caseId, seq,
                new CaseSnapshot(caseId, "p-" + caseId, (int) seq + 1, new BigDecimal("36.80"), Instant.now()));
    }
}
