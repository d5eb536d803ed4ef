package org.lianfang.volunteer.volunteer.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.lianfang.contracts.volunteer.TeamFormed;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerJoinedTeam;
import org.lianfang.contracts.volunteer.VolunteerLeftTeam;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * Volunteers and teams by {@code _id}, and per community the sets of their ids (for paging). A team
 * document remembers the last team event it applied; a volunteer's team list is a set.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    public static final String PROCESSING_GROUP = "volunteer-directory";
    public static final String VOLUNTEERS = "volunteer_volunteers";
    public static final String TEAMS = "volunteer_teams";
    public static final String INDEX = "volunteer_directory_index";

    private final MongoCollection<Document> volunteers;
    private final MongoCollection<Document> teams;
    private final SetIndex index;

    public DirectoryProjection(MongoDatabase serviceDatabase) {
        this.volunteers = serviceDatabase.getCollection(VOLUNTEERS);
        this.teams = serviceDatabase.getCollection(TEAMS);
        this.index = new SetIndex(serviceDatabase, INDEX);
    }

    static String volunteersOf(String communityId) {
        return "volunteers|" + communityId;
    }

    static String teamsOf(String communityId) {
        return "teams|" + communityId;
    }

    /** A rebuild starts from nothing. */
    @ResetHandler
    void reset() {
        volunteers.deleteMany(new Document());
        teams.deleteMany(new Document());
        index.clear();
    }

    @EventHandler
    void on(VolunteerEnrolled event) {
        Document doc = DirectoryDocuments.volunteer(event);
        Documents.byId(volunteers, event.volunteerId().value())
                .ifPresent(existing -> doc.put("teamIds", existing.getList("teamIds", String.class, List.of())));
        Documents.save(volunteers, doc);
        index.add(volunteersOf(event.communityId()), event.volunteerId().value());
    }

    @EventHandler
    void on(TeamFormed event, @SequenceNumber long sequence) {
        Document doc = Documents.byId(teams, event.teamId()).orElseGet(() -> new Document("_id", event.teamId()));
        if (Documents.isNew(doc, sequence)) {
            doc.append("communityId", event.communityId()).append("name", event.name())
                    .append("kind", event.kind().name()).append("leaderId", event.leaderId().value())
                    .append("memberIds", new ArrayList<>(List.of(event.leaderId().value())))
                    .append("formedBy", event.formedBy()).append("formedAt", event.formedAt().toString())
                    .append(Documents.VERSION, sequence);
            Documents.save(teams, doc);
        }
        index.add(teamsOf(event.communityId()), event.teamId());
        joined(event.leaderId().value(), event.teamId());
    }

    @EventHandler
    void on(VolunteerJoinedTeam event, @SequenceNumber long sequence) {
        updateTeam(event.teamId(), sequence, members -> {
            if (!members.contains(event.volunteerId().value())) {
                members.add(event.volunteerId().value());
            }
        });
        joined(event.volunteerId().value(), event.teamId());
    }

    @EventHandler
    void on(VolunteerLeftTeam event, @SequenceNumber long sequence) {
        updateTeam(event.teamId(), sequence, members -> members.remove(event.volunteerId().value()));
        volunteers.updateOne(Filters.eq("_id", event.volunteerId().value()), Updates.pull("teamIds", event.teamId()));
    }

    private void joined(String volunteerId, String teamId) {
        volunteers.updateOne(Filters.eq("_id", volunteerId), Updates.addToSet("teamIds", teamId),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    private void updateTeam(String teamId, long sequence, java.util.function.Consumer<List<String>> change) {
        Documents.byId(teams, teamId).filter(doc -> Documents.isNew(doc, sequence)).ifPresent(doc -> {
            List<String> members = new ArrayList<>(doc.getList("memberIds", String.class, List.of()));
            change.accept(members);
            doc.put("memberIds", members);
            doc.put(Documents.VERSION, sequence);
            Documents.save(teams, doc);
        });
    }
}
