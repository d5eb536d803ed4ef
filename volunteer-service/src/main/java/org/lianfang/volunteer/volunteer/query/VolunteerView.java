package org.lianfang.volunteer.volunteer.query;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.volunteer.VolunteerKind;

/** A volunteer as the read side keeps it; the phone is whole here and masked by the web layer in lists. */
public record VolunteerView(String id, String communityId, String name, String phone, VolunteerKind kind,
                            List<String> skills, String pledgeLetter, List<String> teamIds, String enrolledBy,
                            Instant enrolledAt) {
}
