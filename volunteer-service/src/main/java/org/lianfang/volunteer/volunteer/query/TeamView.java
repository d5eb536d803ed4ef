package org.lianfang.volunteer.volunteer.query;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.volunteer.TeamKind;

/** A team with its leader and members. */
public record TeamView(String id, String communityId, String name, TeamKind kind, String leaderId,
                       List<String> memberIds, String formedBy, Instant formedAt) {
}
