package org.lianfang.volunteer.volunteer.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.lianfang.contracts.volunteer.TeamFormed;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerJoinedTeam;
import org.lianfang.contracts.volunteer.VolunteerLeftTeam;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * Reads volunteers and teams. The projection answers normally; one it has not caught up with yet is
 * read from its own short event stream, so a client that just got 201 can always GET it.
 */
@Component
public class DirectoryQueries {

    private final MongoCollection<Document> volunteers;
    private final MongoCollection<Document> teams;
    private final SetIndex index;
    private final EventStore eventStore;

    public DirectoryQueries(MongoDatabase serviceDatabase, EventStore eventStore) {
        this.volunteers = serviceDatabase.getCollection(DirectoryProjection.VOLUNTEERS);
        this.teams = serviceDatabase.getCollection(DirectoryProjection.TEAMS);
        this.index = new SetIndex(serviceDatabase, DirectoryProjection.INDEX);
        this.eventStore = eventStore;
    }

    public Optional<VolunteerView> volunteer(String id) {
        Optional<Document> projected = Documents.byId(volunteers, id).filter(d -> d.containsKey("name"));
        if (projected.isPresent()) {
            return projected.map(DirectoryDocuments::volunteerView);
        }
        return events(id).stream().filter(VolunteerEnrolled.class::isInstance).map(VolunteerEnrolled.class::cast)
                .findFirst().map(e -> DirectoryDocuments.volunteerView(DirectoryDocuments.volunteer(e)));
    }

    public List<VolunteerView> volunteers(List<String> ids) {
        return Documents.byIds(volunteers, ids).stream().filter(d -> d.containsKey("name"))
                .map(DirectoryDocuments::volunteerView).toList();
    }

    public NavigableSet<String> volunteerIds(String communityId) {
        return index.members(DirectoryProjection.volunteersOf(communityId));
    }

    /** The team as its own events say right now. */
    public Optional<TeamView> team(String id) {
        TeamView view = null;
        List<String> members = new ArrayList<>();
        for (Object event : events(id)) {
            if (event instanceof TeamFormed f) {
                members.add(f.leaderId().value());
                view = new TeamView(f.teamId(), f.communityId(), f.name(), f.kind(), f.leaderId().value(), List.of(),
                        f.formedBy(), f.formedAt());
            } else if (event instanceof VolunteerJoinedTeam j && !members.contains(j.volunteerId().value())) {
                members.add(j.volunteerId().value());
            } else if (event instanceof VolunteerLeftTeam l) {
                members.remove(l.volunteerId().value());
            }
        }
        if (view == null) {
            return Optional.empty();
        }
        return Optional.of(new TeamView(view.id(), view.communityId(), view.name(), view.kind(), view.leaderId(),
                members.stream().sorted().toList(), view.formedBy(), view.formedAt()));
    }

    public List<TeamView> teams(List<String> ids) {
        return Documents.byIds(teams, ids).stream().map(DirectoryDocuments::teamView).toList();
    }

    public NavigableSet<String> teamIds(String communityId) {
        return index.members(DirectoryProjection.teamsOf(communityId));
    }

    private List<Object> events(String aggregateId) {
        if (eventStore.lastSequenceNumberFor(aggregateId).isEmpty()) {
            return List.of();
        }
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }
}
