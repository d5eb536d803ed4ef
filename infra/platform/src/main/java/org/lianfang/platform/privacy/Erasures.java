package org.lianfang.platform.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.bson.Document;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.privacy.LinksSubjects;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.problem.ResourceNotFoundException;

/**
 * Erases a person by crypto-shredding: checks the retention policy against the person's events in
 * this service's store, records {@link PersonErased} (with the reason), destroys the person's key
 * (every service's copies become unreadable) and drops this service's snapshots of the
 * aggregates that concern them (a snapshot is stored in plain text). Subjects that the person's
 * events link to them ({@link LinksSubjects}: e.g. an arrival recorded at a gate before the person
 * was registered) are erased with them and named in the event. Projections keep what they
 * hold until they handle {@code PersonErased} or are rebuilt.
 */
public class Erasures {

    private final IndexedMongoEventStorageEngine engine;
    private final MongoCollection<Document> snapshots;
    private final SubjectKeys keys;
    private final RetentionLedger ledger;
    private final EventGateway events;
    private final PrivacyProperties properties;
    private final Clock clock;

    public Erasures(IndexedMongoEventStorageEngine engine, MongoDatabase serviceDatabase, SubjectKeys keys,
                    RetentionLedger ledger, EventGateway events, PrivacyProperties properties, Clock clock) {
        this.engine = engine;
        this.snapshots = serviceDatabase.getCollection(IndexedMongoEventStorageEngine.SNAPSHOTS);
        this.keys = keys;
        this.ledger = ledger;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** The outcome: when the person was erased, and whether this call did it. */
    public record Erasure(String personId, Instant erasedAt, boolean fresh) {
    }

    /**
     * Erases {@code personId}, or answers the earlier erasure. Throws {@link RuleViolationException}
     * (409) while the retention policy keeps them, {@link ResourceNotFoundException} if nothing is
     * known about them here.
     */
    public Erasure erase(String personId, String reason, String erasedBy) {
        Optional<Instant> earlier = keys.erasedAt(personId);
        if (earlier.isPresent()) {
            return new Erasure(personId, earlier.get(), false);
        }
        List<? extends TrackedEventMessage<?>> history = engine.readPersonEvents(personId);
        if (history.isEmpty() && !keys.knows(personId)) {
            throw new ResourceNotFoundException("no personal data about person " + personId + " is known here");
        }
        PurposeFacts facts = PurposeFacts.none();
        Set<String> aggregates = new LinkedHashSet<>();
        Set<String> linked = new LinkedHashSet<>();
        for (TrackedEventMessage<?> event : history) {
            facts = facts.with(event.getPayloadType(), event.getTimestamp());
            if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                aggregates.add(domain.getAggregateIdentifier());
            }
            if (LinksSubjects.class.isAssignableFrom(event.getPayloadType())
                    && event.getPayload() instanceof LinksSubjects links) {
                links.linkedSubjects().stream().filter(s -> s != null && !s.equals(personId)).forEach(linked::add);
            }
        }
        Instant now = clock.instant();
        RetentionPolicy.Verdict verdict = RetentionPolicy.judge(facts, properties::retentionOf, now);
        if (!verdict.erasable()) {
            throw new RuleViolationException(verdict.rule(), verdict.detail());
        }
        events.publish(new PersonErased(personId, reason, erasedBy, now, List.copyOf(linked)));
        keys.destroy(personId, erasedBy, now);
        for (String subject : linked) {
            keys.destroy(subject, erasedBy, now);
        }
        if (!aggregates.isEmpty()) {
            snapshots.deleteMany(Filters.in("_id", aggregates));
        }
        ledger.erased(personId, now);
        return new Erasure(personId, now, true);
    }
}
