package org.lianfang.registry.person.deadline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ColourRulesApplied;
import org.lianfang.registry.person.colour.ColourRulesInForce;
import org.lianfang.registry.person.colour.PersonFacts;
import org.lianfang.registry.person.colour.RiskColourPolicy;
import org.lianfang.registry.person.query.ColourRuleVersions;
import org.springframework.stereotype.Component;

/**
 * When each returnee's report deadline falls, kept as key look-ups only (the embedded store scans
 * anything else): one bucket document per minute holding the people whose deadline falls in it,
 * and one {@code pending} document listing the buckets not swept yet. Every write is an upsert or
 * {@code $addToSet}, so a replay or a redelivery changes nothing twice.
 */
@Component
@ProcessingGroup(ReportDeadlineSchedule.PROCESSING_GROUP)
public class ReportDeadlineSchedule {

    public static final String PROCESSING_GROUP = "report-deadlines";
    public static final String BUCKETS = "report_deadline_buckets";
    public static final String FACTS = "report_deadline_facts";
    static final String PENDING = "pending";

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> facts;
    private final ColourRulesInForce rules;

    public ReportDeadlineSchedule(MongoDatabase serviceDatabase, ColourRulesInForce rules) {
        this.buckets = serviceDatabase.getCollection(BUCKETS);
        this.facts = serviceDatabase.getCollection(FACTS);
        this.rules = rules;
    }

    @EventHandler
    void on(PersonRegistered event) {
        Document known = new Document("_id", event.personId().value())
                .append("origin", event.origin().name())
                .append("arrivalDate", event.arrivalDate() == null ? null : event.arrivalDate().toString())
                .append("hubeiContact", event.hubeiContact())
                .append("source", event.source() == null ? null : event.source().name())
                .append("registeredAt", event.registeredAt().toString());
        facts.replaceOne(Filters.eq("_id", known.getString("_id")), known, new ReplaceOptions().upsert(true));
        schedule(known, rules.policy());
    }

    /**
     * A new rules version may move every deadline: each returnee known here gets a bucket for the
     * new one too (a rare admin action, so one pass over the known facts). The old buckets stay;
     * asking a person before their deadline changes nothing.
     */
    @EventHandler
    void on(ColourRulesApplied event) {
        RiskColourPolicy policy = new RiskColourPolicy(ColourRuleVersions.parametersOf(event));
        facts.find().forEach(known -> schedule(known, policy));
    }

    @EventHandler
    void on(PersonDetailsCorrected event) {
        List<String> changed = event.changedFields();
        if (!changed.contains("origin") && !changed.contains("arrivalDate") && !changed.contains("hubeiContact")) {
            return;
        }
        List<Bson> updates = new ArrayList<>();
        if (changed.contains("origin")) {
            updates.add(Updates.set("origin", event.origin().name()));
        }
        if (changed.contains("arrivalDate")) {
            updates.add(Updates.set("arrivalDate", event.arrivalDate().toString()));
        }
        if (changed.contains("hubeiContact")) {
            updates.add(Updates.set("hubeiContact", event.hubeiContact()));
        }
        String id = event.personId().value();
        facts.updateOne(Filters.eq("_id", id), Updates.combine(updates));
        Optional.ofNullable(facts.find(Filters.eq("_id", id)).first()).ifPresent(known -> schedule(known, rules.policy()));
    }

    /** The buckets not swept yet, as their minute. */
    public List<Instant> pendingBuckets() {
        Document pending = buckets.find(Filters.eq("_id", PENDING)).first();
        return pending == null ? List.of()
                : pending.getList("buckets", String.class, List.of()).stream().map(Instant::parse).sorted().toList();
    }

    /** The people whose deadline falls in the minute {@code bucket}. */
    public List<String> personsIn(Instant bucket) {
        Document document = buckets.find(Filters.eq("_id", bucket.toString())).first();
        return document == null ? List.of() : document.getList("personIds", String.class, List.of());
    }

    /** Forgets a swept bucket. */
    public void swept(Instant bucket) {
        buckets.updateOne(Filters.eq("_id", PENDING), Updates.pull("buckets", bucket.toString()));
        buckets.deleteOne(Filters.eq("_id", bucket.toString()));
    }

    private void schedule(Document known, RiskColourPolicy policy) {
        String arrival = known.getString("arrivalDate");
        String source = known.getString("source");
        PersonFacts person = new PersonFacts(Origin.valueOf(known.getString("origin")),
                arrival == null ? null : LocalDate.parse(arrival), known.getBoolean("hubeiContact"),
                source == null ? null : RegistrationSource.valueOf(source), Instant.parse(known.getString("registeredAt")),
                null, List.of(), null, false, null, null);
        if (RiskColourPolicy.reportedAt(person).isPresent()) {
            return;
        }
        policy.reportDeadline(person).ifPresent(deadline -> {
            String bucket = deadline.truncatedTo(ChronoUnit.MINUTES).toString();
            buckets.updateOne(Filters.eq("_id", bucket), Updates.addToSet("personIds", known.getString("_id")),
                    new UpdateOptions().upsert(true));
            buckets.updateOne(Filters.eq("_id", PENDING), Updates.addToSet("buckets", bucket),
                    new UpdateOptions().upsert(true));
        });
    }
}
