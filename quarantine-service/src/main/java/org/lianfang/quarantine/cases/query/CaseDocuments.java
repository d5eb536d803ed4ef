package org.lianfang.quarantine.cases.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.lianfang.contracts.quarantine.CheckMissed;
import org.lianfang.contracts.quarantine.FeverDetected;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.QuarantineTransferred;
import org.lianfang.contracts.quarantine.SymptomReported;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.quarantine.cases.command.QuarantineStatus;

/**
 * The case document and how each event changes it. The document remembers the sequence number of
 * the last event it applied ({@code version}), so applying an event again changes nothing; numbers
 * and times are strings, exact on both stores (BSON decimals come back as doubles on one of them).
 */
final class CaseDocuments {

    static final String VERSION = "version";

    private CaseDocuments() {
    }

    /** Applies {@code event} with aggregate sequence {@code sequence}; returns false if already applied. */
    static boolean apply(Document doc, Object event, long sequence) {
        if (doc.get(VERSION) instanceof Number applied && applied.longValue() >= sequence) {
            return false;
        }
        if (event instanceof QuarantineStarted e) {
            doc.append("_id", e.caseId().value()).append("personId", e.personId())
                    .append("kind", e.kind().name()).append("facility", null)
                    .append("status", QuarantineStatus.ACTIVE.name())
                    .append("arrivalDate", e.arrivalDate().toString()).append("endsAt", e.endsAt().toString())
                    .append("reason", e.reason()).append("startedBy", e.startedBy())
                    .append("startedAt", e.startedAt().toString())
                    .append("endedAt", null).append("endedBy", null).append("endReason", null)
                    .append("readings", new ArrayList<>()).append("fevers", new ArrayList<>())
                    .append("symptoms", new ArrayList<>()).append("extensions", new ArrayList<>())
                    .append("transfers", new ArrayList<>()).append("missedChecks", new ArrayList<>());
        } else if (event instanceof TemperatureRecorded e) {
            list(doc, "readings").add(new Document("celsius", e.celsius().toPlainString())
                    .append("method", e.method() == null ? null : e.method().name()).append("medic", e.medic())
                    .append("occurredAt", e.occurredAt().toString()).append("recordedAt", e.recordedAt().toString())
                    .append("fever", false));
        } else if (event instanceof FeverDetected e) {
            list(doc, "fevers").add(new Document("celsius", e.celsius().toPlainString())
                    .append("threshold", e.threshold().toPlainString())
                    .append("occurredAt", e.occurredAt().toString()));
            List<Document> readings = list(doc, "readings");
            for (int i = readings.size() - 1; i >= 0; i--) {
                if (readings.get(i).getString("occurredAt").equals(e.occurredAt().toString())) {
                    readings.get(i).put("fever", true);
                    break;
                }
            }
        } else if (event instanceof SymptomReported e) {
            list(doc, "symptoms").add(new Document("symptoms", e.symptoms())
                    .append("notes", e.notes()).append("reportedBy", e.reportedBy())
                    .append("occurredAt", e.occurredAt().toString()).append("recordedAt", e.recordedAt().toString()));
        } else if (event instanceof QuarantineExtended e) {
            list(doc, "extensions").add(new Document("days", e.days()).append("reason", e.reason())
                    .append("extendedBy", e.extendedBy()).append("endsAt", e.endsAt().toString())
                    .append("extendedAt", e.extendedAt().toString()));
            doc.put("endsAt", e.endsAt().toString());
        } else if (event instanceof QuarantineTransferred e) {
            list(doc, "transfers").add(new Document("facility", e.facility()).append("reason", e.reason())
                    .append("transferredBy", e.transferredBy())
                    .append("transferredAt", e.transferredAt().toString()));
            doc.put("kind", QuarantineKind.FACILITY.name());
            doc.put("facility", e.facility());
        } else if (event instanceof CheckMissed e) {
            list(doc, "missedChecks").add(new Document("window", e.window())
                    .append("opensAt", e.opensAt().toString()).append("closesAt", e.closesAt().toString()));
        } else if (event instanceof QuarantineReleasedEarly e) {
            end(doc, QuarantineStatus.RELEASED_EARLY, e.releasedAt(),
                e.releasedBy(), e.reason());
        } else if (event instanceof QuarantineCompleted e) {
            end(doc, QuarantineStatus.COMPLETED, e.completedAt(), e.completedBy(), null);
        } else {
            return false;
        }
        doc.put(VERSION, sequence);
        return true;
    }

    static CaseView toView(Document doc) {
        return new CaseView(doc.getString("_id"), doc.getString("personId"),
                QuarantineKind.valueOf(doc.getString("kind")), doc.getString("facility"),
                QuarantineStatus.valueOf(doc.getString("status")), LocalDate.parse(doc.getString("arrivalDate")),
                instant(doc, "endsAt"), doc.getString("reason"), doc.getString("startedBy"), instant(doc, "startedAt"),
                instant(doc, "endedAt"), doc.getString("endedBy"), doc.getString("endReason"),
                map(doc, "readings", r -> new CaseView.Reading(new BigDecimal(r.getString("celsius")),
                        r.getString("method") == null ? null : MeasurementMethod.valueOf(r.getString("method")),
                        r.getString("medic"), instant(r, "occurredAt"), instant(r, "recordedAt"),
                        r.getBoolean("fever", false))),
                map(doc, "fevers", f -> new CaseView.Fever(new BigDecimal(f.getString("celsius")),
                        new BigDecimal(f.getString("threshold")), instant(f, "occurredAt"))),
                map(doc, "symptoms", s -> new CaseView.Symptom(s.getList("symptoms", String.class),
                        s.getString("notes"), s.getString("reportedBy"), instant(s, "occurredAt"),
                        instant(s, "recordedAt"))),
                map(doc, "extensions", x -> new CaseView.Extension(x.getInteger("days"), x.getString("reason"),
                        x.getString("extendedBy"), instant(x, "endsAt"), instant(x, "extendedAt"))),
                map(doc, "transfers", t -> new CaseView.Transfer(t.getString("facility"), t.getString("reason"),
                        t.getString("transferredBy"), instant(t, "transferredAt"))),
                map(doc, "missedChecks", m -> new CaseView.MissedCheck(m.getString("window"), instant(m, "opensAt"),
                        instant(m, "closesAt"))));
    }

    private static void end(Document doc, QuarantineStatus status, Instant at, String by, String reason) {
        doc.put("status", status.name());
        doc.put("endedAt", at.toString());
        doc.put("endedBy", by);
        doc.put("endReason", reason);
    }

    private static List<Document> list(Document doc, String key) {
        return doc.getList(key, Document.class);
    }

    private static <T> List<T> map(Document doc, String key, Function<Document, T> mapping) {
        return doc.getList(key, Document.class, List.of()).stream().map(mapping).toList();
    }

    private static Instant instant(Document doc, String key) {
        String value = doc.getString(key);
        return value == null ? null : Instant.parse(value);
    }
}
