package org.lianfang.quarantine.cases.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.lianfang.contracts.quarantine.CheckMissed;
import org.lianfang.contracts.quarantine.FeverDetected;
import org.lianfang.contracts.quarantine.FeverReferralAccepted;
import org.lianfang.contracts.quarantine.FeverReferralFailed;
import org.lianfang.contracts.quarantine.FeverReferralRequested;
import org.lianfang.contracts.quarantine.FeverReferralSent;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.springframework.stereotype.Component;

/**
 * The quarantine board's read model, kept as two kinds of documents so the board is a few key
 * look-ups: per community, {@code quarantine_board_active} holds the active cases (with compound
 * and end) and the referrals not yet answered; per community and day (in the community's zone),
 * {@code quarantine_board_days} holds the sets of events of that day (readings, misses, fevers,
 * starts, ends). Sets and keyed fields make every write idempotent: a replay counts nothing twice.
 */
@Component
@ProcessingGroup(QuarantineBoard.PROCESSING_GROUP)
public class QuarantineBoard {

    public static final String PROCESSING_GROUP = "quarantine-board";
    public static final String ACTIVE = "quarantine_board_active";
    public static final String DAYS = "quarantine_board_days";
    /** The key of cases stored without a community. */
    static final String NO_COMMUNITY = "-";

    private final MongoCollection<Document> active;
    private final MongoCollection<Document> days;
    private final QuarantinePolicies policies;

    public QuarantineBoard(MongoDatabase serviceDatabase, QuarantinePolicies policies) {
        this.active = serviceDatabase.getCollection(ACTIVE);
        this.days = serviceDatabase.getCollection(DAYS);
        this.policies = policies;
    }

    @EventHandler
    void on(QuarantineStarted event, @MessageIdentifier String id) {
        String community = community(event.communityId());
        active.updateOne(Filters.eq("_id", community), Updates.set("cases." + event.caseId().value(),
                new Document("personId", event.personId()).append("compoundId", event.compoundId())
                        .append("endsAt", Date.from(event.endsAt()))), new UpdateOptions().upsert(true));
        count(community, event.startedAt(), "started", id);
    }

    @EventHandler
    void on(QuarantineExtended event) {
        Document cases = caseHolder(event.caseId().value());
        if (cases != null) {
            active.updateOne(Filters.eq("_id", cases.getString("_id")),
                    Updates.set("cases." + event.caseId().value() + ".endsAt", Date.from(event.endsAt())));
        }
    }

    @EventHandler
    void on(TemperatureRecorded event, @MessageIdentifier String id) {
        count(communityOf(event.caseId().value()), event.occurredAt(), "readings", id);
    }

    @EventHandler
    void on(CheckMissed event, @MessageIdentifier String id) {
        count(communityOf(event.caseId().value()), event.closesAt(), "missed", id);
    }

    @EventHandler
    void on(FeverDetected event, @MessageIdentifier String id) {
        count(communityOf(event.caseId().value()), event.occurredAt(), "fevers", id);
    }

    @EventHandler
    void on(FeverReferralRequested event) {
        active.updateOne(Filters.eq("_id", community(event.communityId())), Updates.set("referrals."
                + event.referralId(), new Document("caseId", event.caseId().value())
                .append("requestedAt", Date.from(event.requestedAt()))), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(FeverReferralSent event) {
        answered(event.caseId().value(), event.referralId());
    }

    @EventHandler
    void on(FeverReferralAccepted event) {
        answered(event.caseId().value(), event.referralId());
    }

    @EventHandler
    void on(FeverReferralFailed event) {
        answered(event.caseId().value(), event.referralId());
    }

    @EventHandler
    void on(QuarantineCompleted event, @MessageIdentifier String id) {
        ended(event.caseId().value(), event.completedAt(), id);
    }

    @EventHandler
    void on(QuarantineReleasedEarly event, @MessageIdentifier String id) {
        ended(event.caseId().value(), event.releasedAt(), id);
    }

    /** An active case as the board shows it. */
    public record ActiveCase(String caseId, String personId, String communityId, String compoundId, Instant endsAt) {
    }

    /** One community's (or, for {@code *}, every community's) board data. */
    public record Snapshot(List<ActiveCase> active, int referralsPending, int readings, int missed, int fevers,
                           int started, int ended) {
    }

    /** The board of {@code communityId} ({@code *} = all) for {@code day}. */
    public Snapshot snapshot(String communityId, LocalDate day) {
        List<Document> actives = new ArrayList<>();
        List<Document> dayDocs = new ArrayList<>();
        if (communityId == null || "*".equals(communityId)) {
            active.find().forEach(actives::add);
            days.find(Filters.eq("day", day.toString())).forEach(dayDocs::add);
        } else {
            Document doc = active.find(Filters.eq("_id", communityId)).first();
            if (doc != null) {
                actives.add(doc);
            }
            Document dayDoc = days.find(Filters.eq("_id", communityId + "|" + day)).first();
            if (dayDoc != null) {
                dayDocs.add(dayDoc);
            }
        }
        List<ActiveCase> cases = new ArrayList<>();
        int pending = 0;
        for (Document doc : actives) {
            Document held = doc.get("cases", Document.class);
            if (held != null) {
                held.forEach((caseId, value) -> {
                    Document c = (Document) value;
                    cases.add(new ActiveCase(caseId, c.getString("personId"),
                            NO_COMMUNITY.equals(doc.getString("_id")) ? null : doc.getString("_id"),
                            c.getString("compoundId"), c.getDate("endsAt").toInstant()));
                });
            }
            Document referrals = doc.get("referrals", Document.class);
            pending += referrals == null ? 0 : referrals.size();
        }
        return new Snapshot(cases, pending, size(dayDocs, "readings"), size(dayDocs, "missed"),
                size(dayDocs, "fevers"), size(dayDocs, "started"), size(dayDocs, "ended"));
    }

    private static int size(List<Document> dayDocs, String field) {
        return dayDocs.stream().mapToInt(d -> d.getList(field, String.class, List.of()).size()).sum();
    }

    private void ended(String caseId, Instant at, String id) {
        Document holder = caseHolder(caseId);
        String community = holder == null ? null : holder.getString("_id");
        if (holder != null) {
            active.updateOne(Filters.eq("_id", community), Updates.unset("cases." + caseId));
            count(community, at, "ended", id);
        }
    }

    private void answered(String caseId, String referralId) {
        String community = communityOf(caseId);
        if (community != null) {
            active.updateOne(Filters.eq("_id", community), Updates.unset("referrals." + referralId));
        }
    }

    private void count(String community, Instant at, String field, String eventId) {
        if (community == null) {
            return;
        }
        LocalDate day = at.atZone(policies.period().zone()).toLocalDate();
        days.updateOne(Filters.eq("_id", community + "|" + day), Updates.combine(
                Updates.set("day", day.toString()), Updates.addToSet(field, eventId)), new UpdateOptions().upsert(true));
    }

    /** The community whose active document holds the case, read by the case key. */
    private String communityOf(String caseId) {
        Document holder = caseHolder(caseId);
        return holder == null ? null : holder.getString("_id");
    }

    private Document caseHolder(String caseId) {
        return active.find(Filters.exists("cases." + caseId)).first();
    }

    private static String community(String communityId) {
        return communityId == null ? NO_COMMUNITY : communityId;
    }
}
