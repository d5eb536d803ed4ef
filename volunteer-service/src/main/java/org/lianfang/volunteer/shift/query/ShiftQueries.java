package org.lianfang.volunteer.shift.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.lianfang.contracts.volunteer.ShiftScheduled;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/** Reads shifts: by id (from the event store if the projection has not seen it yet), by checkpoint and window, by volunteer. */
@Component
public class ShiftQueries {

    private final MongoCollection<Document> shifts;
    private final SetIndex index;
    private final EventStore eventStore;

    public ShiftQueries(MongoDatabase serviceDatabase, EventStore eventStore) {
        this.shifts = serviceDatabase.getCollection(ShiftProjection.SHIFTS);
        this.index = new SetIndex(serviceDatabase, ShiftProjection.INDEX);
        this.eventStore = eventStore;
    }

    public Optional<ShiftView> find(String shiftId) {
        Optional<ShiftView> projected = Documents.byId(shifts, shiftId).filter(d -> d.containsKey("startsAt"))
                .map(ShiftQueries::view);
        if (projected.isPresent() || eventStore.lastSequenceNumberFor(shiftId).isEmpty()) {
            return projected;
        }
        return eventStore.readEvents(shiftId).asStream().map(DomainEventMessage::getPayload)
                .filter(ShiftScheduled.class::isInstance).map(ShiftScheduled.class::cast).findFirst()
                .map(e -> new ShiftView(e.shiftId().value(), e.checkpointId().value(), e.communityId(), e.compoundId(),
                        e.startsAt(), e.endsAt(), e.requiredHeadcount(), List.of(), e.scheduledBy(), e.scheduledAt()));
    }

    /** The shifts at these checkpoints that overlap {@code [from, to)}, by start. */
    public List<ShiftView> atCheckpoints(List<String> checkpointIds, Instant from, Instant to) {
        List<String> keys = new ArrayList<>();
        for (String checkpoint : checkpointIds) {
            ShiftProjection.days(from, to).forEach(day -> keys.add(ShiftProjection.checkpointDay(checkpoint, day)));
        }
        return load(index.members(keys)).stream()
                .filter(s -> s.startsAt().isBefore(to) && s.endsAt().isAfter(from)).toList();
    }

    /** A volunteer's shifts, by start. */
    public List<ShiftView> ofVolunteer(String volunteerId) {
        return load(index.members(ShiftProjection.ofVolunteer(volunteerId)));
    }

    private List<ShiftView> load(TreeSet<String> ids) {
        return Documents.byIds(shifts, ids).stream().filter(d -> d.containsKey("startsAt")).map(ShiftQueries::view)
                .sorted(Comparator.comparing(ShiftView::startsAt).thenComparing(ShiftView::id)).toList();
    }

    static ShiftView view(Document d) {
        List<ShiftView.Assignment> assignments = new ArrayList<>();
        Document map = d.get("assignments", Document.class);
        if (map != null) {
            for (Object value : map.values()) {
                Document a = (Document) value;
                if (a.getString("assignedAt") != null) {
                    assignments.add(new ShiftView.Assignment(a.getString("volunteerId"), a.getString("volunteerName"),
                            Documents.instant(a, "assignedAt"), Documents.instant(a, "checkedInAt"),
                            Documents.instant(a, "checkedOutAt")));
                }
            }
        }
        assignments.sort(Comparator.comparing(ShiftView.Assignment::assignedAt)
                .thenComparing(ShiftView.Assignment::volunteerId));
        return new ShiftView(d.getString("_id"), d.getString("checkpointId"), d.getString("communityId"),
                d.getString("compoundId"), Documents.instant(d, "startsAt"), Documents.instant(d, "endsAt"),
                d.getInteger("requiredHeadcount", 0), assignments, d.getString("scheduledBy"),
                Documents.instant(d, "scheduledAt"));
    }
}
