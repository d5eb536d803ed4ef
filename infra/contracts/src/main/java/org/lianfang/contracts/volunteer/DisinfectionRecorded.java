package org.lianfang.contracts.volunteer;

import java.time.Instant;
import java.util.List;

/**
 * A disinfection round (消杀) of one building: which areas, by whom, when. Three a day are expected.
 *
 * @param performedAt when the round was done (at the building)
 * @param recordedAt  when it was written down
 */
public record DisinfectionRecorded(
        String roundId,
        String communityId,
        String compoundId,
        String building,
        List<DisinfectionArea> areas,
        List<VolunteerId> volunteerIds,
        Instant performedAt,
        String recordedBy,
        Instant recordedAt) {

    public DisinfectionRecorded {
        areas = areas == null ? List.of() : List.copyOf(areas);
        volunteerIds = volunteerIds == null ? List.of() : List.copyOf(volunteerIds);
    }
}
