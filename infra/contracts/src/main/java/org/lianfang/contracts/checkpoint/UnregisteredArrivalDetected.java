package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.Origin;

/**
 * Someone came in at a checkpoint who is unknown to the registry, or known as from Hubei/Wuhan but
 * never reported. Published: registry-service registers (or flags) the person as provisional red.
 *
 * @param crossingId        the crossing that revealed it; registry uses it to stay idempotent
 * @param knownPersonId     the registry's person id if the checkpoint knew the person, else null
 * @param residentIdNumber  the ID number shown at the gate (personal data)
 * @param name              the name given at the gate, may be null
 * @param phone             the phone given at the gate, may be null
 * @param origin            where the person says they come from
 * @param comingFrom        free text: city or county of departure
 * @param arrivalDate       the day of arrival (the crossing's date in the community's zone)
 * @param reason            why it was flagged, e.g. "unknown to the registry"
 * @param subjectId         whose key encrypts the ID number, name and phone: the known person, else
 *                          the arrival itself ({@link #subjectOf} the crossing) — the registry's
 *                          {@code UnregisteredArrivalFlagged} links it to the person it registers, so
 *                          erasing that person shreds it. Null in events stored before it existed
 *                          (those are plain text): derived the same way.
 */
public record UnregisteredArrivalDetected(
        String crossingId,
        CheckpointId checkpointId,
        String communityId,
        String knownPersonId,
        @PersonalData String residentIdNumber,
        @PersonalData String name,
        @PersonalData String phone,
        Origin origin,
        String comingFrom,
        LocalDate arrivalDate,
        String reason,
        String operator,
        Instant occurredAt,
        Instant recordedAt,
        @DataSubject String subjectId) implements PersonScoped {

    /** The data subject of an arrival the registry did not know, before it has a person id. */
    public static String subjectOf(String crossingId) {
        return "arrival:" + crossingId;
    }

    public UnregisteredArrivalDetected {
        if (subjectId == null || subjectId.isBlank()) {
            subjectId = knownPersonId != null && !knownPersonId.isBlank() ? knownPersonId
                    : crossingId == null ? null : subjectOf(crossingId);
        }
    }

    public UnregisteredArrivalDetected(String crossingId, CheckpointId checkpointId, String communityId,
            String knownPersonId, String residentIdNumber, String name, String phone, Origin origin,
            String comingFrom, LocalDate arrivalDate, String reason, String operator, Instant occurredAt,
            Instant recordedAt) {
        this(crossingId, checkpointId, communityId, knownPersonId, residentIdNumber, name, phone, origin, comingFrom,
                arrivalDate, reason, operator, occurredAt, recordedAt, null);
    }

    @Override
    public List<String> personIds() {
        return knownPersonId == null ? List.of() : List.of(knownPersonId);
    }
}
