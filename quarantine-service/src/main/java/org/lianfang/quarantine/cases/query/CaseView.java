package org.lianfang.quarantine.cases.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.quarantine.cases.command.QuarantineStatus;

/**
 * A quarantine case with its timeline, as the read side keeps it.
 *
 * @param endedAt  when it was completed or released early, or null while active
 * @param endedBy  who completed or released it, or null
 * @param facility the facility after a transfer, or null at home
 */
public record CaseView(
        String id,
        String personId,
        String communityId,
        String compoundId,
        QuarantineKind kind,
        String facility,
        QuarantineStatus status,
        LocalDate arrivalDate,
        Instant endsAt,
        String reason,
        String startedBy,
        Instant startedAt,
        Instant endedAt,
        String endedBy,
        String endReason,
        List<Reading> readings,
        List<Fever> fevers,
        List<Symptom> symptoms,
        List<Extension> extensions,
        List<Transfer> transfers,
        List<MissedCheck> missedChecks,
        List<Referral> referrals,
        List<Breach> breaches,
        List<SupplyRequest> supplyRequests) {

    /** A temperature reading. */
    public record Reading(BigDecimal celsius, MeasurementMethod method, String medic, Instant occurredAt,
                          Instant recordedAt, boolean fever) {
    }

    /** A fever found on a reading. */
    public record Fever(BigDecimal celsius, BigDecimal threshold, Instant occurredAt) {
    }

    /** Symptoms reported. */
    public record Symptom(List<String> symptoms, String notes, String reportedBy, Instant occurredAt,
                          Instant recordedAt) {
    }

    /** An extension of the period. */
    public record Extension(int days, String reason, String extendedBy, Instant endsAt, Instant extendedAt) {
    }

    /** A check window that passed without a reading. */
    public record MissedCheck(String window, Instant opensAt, Instant closesAt) {
    }

    /** A move to a facility. */
    public record Transfer(String facility, String reason, String transferredBy, Instant transferredAt) {
    }

    /** A referral to the fever clinic and where its delivery stands. */
    public record Referral(String referralId, ReferralStatus status, BigDecimal celsius, Instant occurredAt,
                           Instant requestedAt, String clinicReference, String reason, int attempts,
                           Instant updatedAt) {
    }

    /** A checkpoint stopped the person from leaving (闯卡未遂). */
    public record Breach(String crossingId, String checkpointId, String rule, String operator, Instant occurredAt,
                         Instant recordedAt) {
    }

    /**
     * Supplies a household asked for and how the delivery goes.
     *
     * @param status    REQUESTED until volunteer-service reports, then the latest delivery stage
     * @param delivered whether the goods were left at the door (LEFT_AT_DOOR or CONFIRMED)
     */
    public record SupplyRequest(String requestId, List<String> items, String notes, String address,
                                String householdId, String requestedBy, Instant requestedAt, String status,
                                String orderId, boolean delivered, Instant deliveredAt, List<DeliveryStep> stages) {
    }

    /** One stage of a delivery, as volunteer-service reported it. */
    public record DeliveryStep(DeliveryStage stage, String volunteerId, String reason, Instant at) {
    }
}
