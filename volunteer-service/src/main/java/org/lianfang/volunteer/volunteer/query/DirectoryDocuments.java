package org.lianfang.volunteer.volunteer.query;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.lianfang.contracts.volunteer.TeamKind;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerKind;
import org.lianfang.volunteer.support.Documents;

/** How volunteers and teams are written to and read from documents. */
final class DirectoryDocuments {

    private DirectoryDocuments() {
    }

    static Document volunteer(VolunteerEnrolled e) {
        return new Document("_id", e.volunteerId().value()).append("communityId", e.communityId())
                .append("name", e.name()).append("phone", e.phone()).append("kind", e.kind().name())
                .append("skills", e.skills()).append("pledgeLetter", e.pledgeLetter())
                .append("teamIds", new ArrayList<String>()).append("enrolledBy", e.enrolledBy())
                .append("enrolledAt", e.enrolledAt().toString());
    }

    static VolunteerView volunteerView(Document d) {
        return new VolunteerView(d.getString("_id"), d.getString("communityId"), d.getString("name"),
                d.getString("phone"), VolunteerKind.valueOf(d.getString("kind")),
                d.getList("skills", String.class, List.of()), d.getString("pledgeLetter"),
                d.getList("teamIds", String.class, List.of()).stream().sorted().toList(), d.getString("enrolledBy"),
                Documents.instant(d, "enrolledAt"));
    }

    static TeamView teamView(Document d) {
        return new TeamView(d.getString("_id"), d.getString("communityId"), d.getString("name"),
                TeamKind.valueOf(d.getString("kind")), d.getString("leaderId"),
                d.getList("memberIds", String.class, List.of()).stream().sorted().toList(), d.getString("formedBy"),
                Documents.instant(d, "formedAt"));
    }
}
