package org.lianfang.contracts.volunteer;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A volunteer (志愿者) signed up. The phone is personal data: kept here, masked in every list.
 *
 * @param pledgeLetter the text of a pledge letter (请战书) if one was handed in, else null; kept as written
 */
public record VolunteerEnrolled(
        @DataSubject VolunteerId volunteerId,
        String communityId,
        @PersonalData String name,
        @PersonalData String phone,
        VolunteerKind kind,
        List<String> skills,
        @PersonalData String pledgeLetter,
        String enrolledBy,
        Instant enrolledAt) {

    public VolunteerEnrolled {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
