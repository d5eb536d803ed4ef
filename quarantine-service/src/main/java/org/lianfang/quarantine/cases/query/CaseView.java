package org.lianfang.quarantine.cases.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineKind;
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
        List<MissedCheck> missedChecks) {

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
}
