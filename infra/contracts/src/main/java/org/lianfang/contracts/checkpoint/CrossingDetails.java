package org.lianfang.contracts.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator recorded at the gate, shared by {@link CrossingRecorded} and {@link CrossingDenied}.
 *
 * @param crossingId         deterministic from (community, tablet, tablet sequence): a retried upload
 *                           names the same crossing
 * @param compoundId         the compound the checkpoint guards, null for a road junction
 * @param personId           the registry's person id for a person crossing, null if unknown or a vehicle
 * @param residentIdHash     keyed hash (HMAC) of the ID number shown, so a later registration can be linked
 * @param residentIdMasked   the ID number shown, masked; null if a person id was given
 * @param plate              the vehicle's plate, null for a person crossing
 * @param occupantPersonIds  the registry ids of a vehicle's occupants
 * @param occupantCount      how many people were in the vehicle (may exceed the known ids)
 * @param temperatureCelsius the temperature taken at the gate (the highest of a vehicle's occupants)
 * @param passId             the temporary pass shown, or null
 * @param occurredAt         when it happened, by the tablet's clock (uploads may be late)
 * @param recordedAt         when the service stored it
 */
public record CrossingDetails(
        String crossingId,
        CheckpointId checkpointId,
        String communityId,
        String compoundId,
        String tabletId,
        long tabletSequence,
        CrossingSubject subject,
        String personId,
        String residentIdHash,
        String residentIdMasked,
        String plate,
        List<String> occupantPersonIds,
        Integer occupantCount,
        Direction direction,
        BigDecimal temperatureCelsius,
        String passId,
        String operator,
        Instant occurredAt,
        Instant recordedAt) {

    public CrossingDetails {
        occupantPersonIds = occupantPersonIds == null ? List.of() : List.copyOf(occupantPersonIds);
    }

    /** Everyone the crossing concerns: the person, or the vehicle's known occupants. */
    public List<String> personIds() {
        List<String> ids = new ArrayList<>();
        if (personId != null) {
            ids.add(personId);
        }
        occupantPersonIds.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return List.copyOf(ids);
    }
}
