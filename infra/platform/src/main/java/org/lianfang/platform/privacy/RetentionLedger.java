package org.lianfang.platform.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.privacy.PurposeEnds;
import org.lianfang.contracts.privacy.PurposeStarts;

/**
 * Per person, when the purposes that keep them last started and ended (collection
 * {@code privacy_purposes}, {@code _id} = person id), fed by this service's own events through a
 * tracking processor, so that an admin can list who is due for erasure. Updates take the later
 * time only ({@code $max}): replays and redeliveries change nothing twice.
 *
 * <p>The due listing reads the whole collection (one small document per person some purpose ever
 * kept): an admin's occasional read, not a hot path.
 */
@ProcessingGroup(RetentionLedger.PROCESSING_GROUP)
public class RetentionLedger {

    public static final String COLLECTION = "privacy_purposes";
    public static final String PROCESSING_GROUP = "privacy-retention";

    private final MongoCollection<Document> purposes;

    public RetentionLedger(MongoDatabase serviceDatabase) {
        this.purposes = serviceDatabase.getCollection(COLLECTION);
    }

    /** Reads the payload's type only: events of no purpose are never deserialized here. */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> message) {
        Class<?> type = message.getPayloadType();
        PurposeStarts starts = type.getAnnotation(PurposeStarts.class);
        PurposeEnds ends = type.getAnnotation(PurposeEnds.class);
        if (starts == null && ends == null) {
            return;
        }
        if (!(message.getMetaData().get(MetadataKeys.PERSON_IDS) instanceof Collection<?> persons)) {
            return;
        }
        Date at = Date.from(message.getTimestamp());
        for (Object person : persons) {
            List<org.bson.conversions.Bson> updates = new ArrayList<>();
            if (starts != null) {
                updates.add(Updates.max("s." + starts.value(), at));
            }
            if (ends != null) {
                updates.add(Updates.max("e." + ends.value(), at));
            }
            purposes.updateOne(Filters.eq("_id", String.valueOf(person)), Updates.combine(updates),
                    new UpdateOptions().upsert(true));
        }
    }

    /** Records that the person was erased, so the listing leaves them out. */
    public void erased(String personId, Instant at) {
        purposes.updateOne(Filters.eq("_id", personId), Updates.min("erasedAt", Date.from(at)),
                new UpdateOptions().upsert(true));
    }

    /** A person due for erasure: their purposes' end times and when erasure became allowed. */
    public record Due(String personId, Map<String, Instant> ended, Instant erasableFrom) {
    }

    /** Persons whose every purpose ended and whose retention ran out by {@code now}, earliest first. */
    public List<Due> due(PrivacyProperties properties, Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        for (Document doc : purposes.find()) {
            if (doc.get("erasedAt") != null) {
                continue;
            }
            PurposeFacts facts = new PurposeFacts(times(doc.get("s", Document.class)), times(doc.get("e", Document.class)));
            if (facts.ended().isEmpty()) {
                continue;
            }
            RetentionPolicy.Verdict verdict = RetentionPolicy.judge(facts, properties::retentionOf, now);
            if (verdict.erasable()) {
                due.add(new Due(doc.getString("_id"), facts.ended(), verdict.erasableFrom()));
            }
        }
        due.sort(Comparator.comparing(Due::erasableFrom).thenComparing(Due::personId));
        return due.size() > limit ? due.subList(0, limit) : due;
    }

    private static Map<String, Instant> times(Document doc) {
        Map<String, Instant> times = new HashMap<>();
        if (doc != null) {
            doc.forEach((purpose, at) -> times.put(purpose, ((Date) at).toInstant()));
        }
        return times;
    }
}
