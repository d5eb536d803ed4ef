package org.lianfang.volunteer.volunteer.query;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.lianfang.contracts.volunteer.VolunteerAssignedToShift;
import org.lianfang.contracts.volunteer.VolunteerUnassignedFromShift;
import org.springframework.stereotype.Component;

/** A volunteer's place on one shift as their own stream says right now, for answering a write with what it did. */
@Component
public class Rosters {

    private final EventStore eventStore;

    public Rosters(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** A volunteer on a shift. */
    public record Place(String volunteerId, String shiftId, String checkpointId, Instant startsAt, Instant endsAt,
                        Instant assignedAt, Instant checkedInAt, Instant checkedOutAt) {
    }

    public Optional<Place> place(String volunteerId, String shiftId) {
        if (eventStore.lastSequenceNumberFor(volunteerId).isEmpty()) {
            return Optional.empty();
        }
        Place place = null;
        for (Object event : eventStore.readEvents(volunteerId).asStream().map(DomainEventMessage::getPayload).toList()) {
            if (event instanceof VolunteerAssignedToShift a && a.shiftId().value().equals(shiftId)) {
                place = new Place(volunteerId, shiftId, a.checkpointId().value(), a.startsAt(), a.endsAt(),
                        a.assignedAt(), null, null);
            } else if (event instanceof VolunteerUnassignedFromShift u && u.shiftId().value().equals(shiftId)) {
                place = null;
            } else if (event instanceof ShiftCheckedIn in && in.shiftId().value().equals(shiftId) && place != null) {
                place = new Place(volunteerId, shiftId, place.checkpointId(), place.startsAt(), place.endsAt(),
                        place.assignedAt(), in.checkedInAt(), null);
            } else if (event instanceof ShiftCheckedOut out && out.shiftId().value().equals(shiftId) && place != null) {
                place = new Place(volunteerId, shiftId, place.checkpointId(), place.startsAt(), place.endsAt(),
                        place.assignedAt(), place.checkedInAt(), out.checkedOutAt());
            }
        }
        return Optional.ofNullable(place);
    }
}
