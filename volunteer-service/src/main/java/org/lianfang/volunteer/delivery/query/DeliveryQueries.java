package org.lianfang.volunteer.delivery.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/** Reads deliveries: one order (always current, folded from its events), open orders by compound, a volunteer's, counts per day. */
@Component
public class DeliveryQueries {

    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> counts;
    private final SetIndex index;
    private final EventStore eventStore;

    public DeliveryQueries(MongoDatabase serviceDatabase, EventStore eventStore) {
        this.deliveries = serviceDatabase.getCollection(DeliveryProjection.DELIVERIES);
        this.counts = serviceDatabase.getCollection(DeliveryProjection.COUNTS);
        this.index = new SetIndex(serviceDatabase, DeliveryProjection.INDEX);
        this.eventStore = eventStore;
    }

    /** The order as its events say right now (a short stream, read by key). */
    public Optional<DeliveryView> find(String orderId) {
        if (eventStore.lastSequenceNumberFor(orderId).isEmpty()) {
            return Optional.empty();
        }
        Document doc = new Document("_id", orderId);
        eventStore.readEvents(orderId).asStream().forEach((DomainEventMessage<?> event) ->
                DeliveryDocuments.apply(doc, event.getPayload(), event.getSequenceNumber()));
        return doc.containsKey("communityId") ? Optional.of(DeliveryDocuments.view(doc)) : Optional.empty();
    }

    /** The ids of open orders of a compound, or of every compound of the community if null. */
    public NavigableSet<String> openIds(String communityId, String compoundId) {
        List<String> compounds = compoundId != null ? List.of(compoundId)
                : List.copyOf(index.members(DeliveryProjection.compounds(communityId)));
        return index.members(compounds.stream().map(c -> DeliveryProjection.open(communityId,
                "-".equals(c) ? null : c)).toList());
    }

    public List<DeliveryView> load(List<String> ids) {
        return Documents.byIds(deliveries, ids).stream().filter(d -> d.containsKey("communityId"))
                .map(DeliveryDocuments::view).toList();
    }

    /** A volunteer's deliveries, newest first. */
    public List<DeliveryView> ofVolunteer(String volunteerId) {
        return load(List.copyOf(index.members(DeliveryProjection.ofVolunteer(volunteerId)))).stream()
                .sorted(Comparator.comparing(DeliveryView::orderedAt).reversed()).toList();
    }

    /** A household's orders, oldest first (a keyed set, then a batch by {@code _id}). */
    public List<DeliveryView> ofHousehold(String householdId) {
        return load(List.copyOf(index.members(DeliveryProjection.ofHousehold(householdId)))).stream()
                .sorted(Comparator.comparing(DeliveryView::orderedAt)).toList();
    }

    /** Counts of one day. */
    public record DayCount(LocalDate day, int ordered, int delivered, int confirmed, int cancelled) {
    }

    /** A volunteer's counts over a window. */
    public record VolunteerCount(String volunteerId, int accepted, int delivered) {
    }

    public List<DayCount> perDay(String communityId, LocalDate from, LocalDate to) {
        List<String> keys = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            keys.add(DeliveryProjection.communityDay(communityId, d));
        }
        Map<String, Document> found = Documents.byIds(counts, keys).stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), d -> d));
        List<DayCount> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Document doc = found.getOrDefault(DeliveryProjection.communityDay(communityId, d), new Document());
            days.add(new DayCount(d, size(doc, "ordered"), size(doc, "delivered"), size(doc, "confirmed"),
                    size(doc, "cancelled")));
        }
        return days;
    }

    public List<VolunteerCount> perVolunteer(List<String> volunteerIds, LocalDate from, LocalDate to) {
        List<VolunteerCount> result = new ArrayList<>();
        for (String volunteer : volunteerIds) {
            List<String> keys = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                keys.add(DeliveryProjection.volunteerDay(volunteer, d));
            }
            TreeSet<String> accepted = new TreeSet<>();
            TreeSet<String> delivered = new TreeSet<>();
            for (Document doc : Documents.byIds(counts, keys)) {
                accepted.addAll(doc.getList("accepted", String.class, List.of()));
                delivered.addAll(doc.getList("delivered", String.class, List.of()));
            }
            if (!accepted.isEmpty() || !delivered.isEmpty()) {
                result.add(new VolunteerCount(volunteer, accepted.size(), delivered.size()));
            }
        }
        return result;
    }

    private static int size(Document doc, String key) {
        return doc.getList(key, String.class, List.of()).size();
    }
}
