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
import org.lianfang.contracts.quarantine.FeverReferralAccepted;
import org.lianfang.contracts.quarantine.FeverReferralFailed;
import org.lianfang.contracts.quarantine.FeverReferralRequested;
import org.lianfang.contracts.quarantine.FeverReferralRetrying;
import org.lianfang.contracts.quarantine.FeverReferralSent;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineBreachRecorded;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.QuarantineTransferred;
import org.lianfang.contracts.quarantine.SupplyDeliveryProgressed;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.quarantine.ReferralStatus;
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
    /** A supply request's status before volunteer-service has reported anything. */
    static final String SUPPLY_REQUESTED = "REQUESTED";

    private CaseDocuments() {
    }

    /** Applies {@code event} with aggregate sequence {@code sequence}; returns false if already applied. */
    static boolean apply(Document doc, Object event, long sequence) {
        if (doc.get(VERSION) instanceof Number applied && applied.longValue() >= sequence) {
            return false;
        }
        if (event instanceof QuarantineStarted e) {
            doc.append("_id", e.caseId().value()).append("personId", e.personId())
                    .append("communityId", e.communityId()).append("compoundId", e.compoundId())
                    .append("kind", e.kind().name()).append("facility", null)
                    .append("status", QuarantineStatus.ACTIVE.name())
                    .append("arrivalDate", e.arrivalDate().toString()).append("endsAt", e.endsAt().toString())
                    .append("reason", e.reason()).append("startedBy", e.startedBy())
                    .append("startedAt", e.startedAt().toString())
                    .append("endedAt", null).append("endedBy", null).append("endReason", null)
                    .append("readings", new ArrayList<>()).append("fevers", new ArrayList<>())
                    .append("symptoms", new ArrayList<>()).append("extensions", new ArrayList<>())
                    .append("transfers", new ArrayList<>()).append("missedChecks", new ArrayList<>())
                    .append("referrals", new ArrayList<>()).append("breaches", new ArrayList<>())
                    .append("supplyRequests", new ArrayList<>());
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
        } else if (event instanceof FeverReferralRequested e) {
            list(doc, "referrals").add(new Document("referralId", e.referralId())
                    .append("status", ReferralStatus.PENDING.name()).append("celsius", e.celsius().toPlainString())
                    .append("occurredAt", e.occurredAt().toString()).append("requestedAt", e.requestedAt().toString())
                    .append("clinicReference", null).append("reason", null).append("attempts", 0)
                    .append("updatedAt", e.requestedAt().toString()));
        } else if (event instanceof FeverReferralRetrying e) {
            referral(doc, e.referralId(), ReferralStatus.RETRYING, null, e.reason(), e.attempts(), e.at());
        } else if (event instanceof FeverReferralSent e) {
            referral(doc, e.referralId(), ReferralStatus.SENT, e.clinicReference(), null, e.attempts(), e.sentAt());
        } else if (event instanceof FeverReferralAccepted e) {
            referral(doc, e.referralId(), ReferralStatus.ACCEPTED, e.clinicReference(), null, null, e.acceptedAt());
        } else if (event instanceof FeverReferralFailed e) {
            referral(doc, e.referralId(), ReferralStatus.FAILED, null, e.reason(), e.attempts(), e.failedAt());
        } else if (event instanceof QuarantineBreachRecorded e) {
            list(doc, "breaches").add(new Document("crossingId", e.crossingId())
                    .append("checkpointId", e.checkpointId()).append("rule", e.rule()).append("operator", e.operator())
                    .append("occurredAt", string(e.occurredAt())).append("recordedAt", string(e.recordedAt())));
        } else if (event instanceof SupplyRequested e) {
            list(doc, "supplyRequests").add(new Document("requestId", e.requestId()).append("items", e.items())
                    .append("notes", e.notes()).append("address", e.address()).append("householdId", e.householdId())
                    .append("requestedBy", e.requestedBy()).append("requestedAt", string(e.requestedAt()))
                    .append("status", SUPPLY_REQUESTED).append("orderId", null).append("delivered", false)
                    .append("deliveredAt", null).append("stages", new ArrayList<>()));
        } else if (event instanceof SupplyDeliveryProgressed e) {
            for (Document request : list(doc, "supplyRequests")) {
                if (request.getString("requestId").equals(e.requestId())) {
                    progress(request, e);
                }
            }
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
        return new CaseView(doc.getString("_id"), doc.getString("personId"), doc.getString("communityId"),
                doc.getString("compoundId"),
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
                        instant(m, "closesAt"))),
                map(doc, "referrals", r -> new CaseView.Referral(r.getString("referralId"),
                        ReferralStatus.valueOf(r.getString("status")), new BigDecimal(r.getString("celsius")),
                        instant(r, "occurredAt"), instant(r, "requestedAt"), r.getString("clinicReference"),
                        r.getString("reason"), r.getInteger("attempts", 0), instant(r, "updatedAt"))),
                map(doc, "breaches", b -> new CaseView.Breach(b.getString("crossingId"), b.getString("checkpointId"),
                        b.getString("rule"), b.getString("operator"), instant(b, "occurredAt"),
                        instant(b, "recordedAt"))),
                map(doc, "supplyRequests", q -> new CaseView.SupplyRequest(q.getString("requestId"),
                        q.getList("items", String.class), q.getString("notes"), q.getString("address"),
                        q.getString("householdId"), q.getString("requestedBy"), instant(q, "requestedAt"),
                        q.getString("status"), q.getString("orderId"), q.getBoolean("delivered", false),
                        instant(q, "deliveredAt"), map(q, "stages", g -> new CaseView.DeliveryStep(
                                DeliveryStage.valueOf(g.getString("stage")), g.getString("volunteerId"),
                                g.getString("reason"), instant(g, "at"))))));
    }

    private static void referral(Document doc, String referralId, ReferralStatus status, String reference,
                                 String reason, Integer attempts, Instant at) {
        for (Document referral : list(doc, "referrals")) {
            if (referral.getString("referralId").equals(referralId)) {
                referral.put("status", status.name());
                if (reference != null) {
                    referral.put("clinicReference", reference);
                }
                referral.put("reason", reason);
                if (attempts != null) {
                    referral.put("attempts", attempts);
                }
                referral.put("updatedAt", at.toString());
            }
        }
    }

    private static void end(Document doc, QuarantineStatus status, Instant at, String by, String reason) {
        doc.put("status", status.name());
        doc.put("endedAt", at.toString());
        doc.put("endedBy", by);
        doc.put("endReason", reason);
    }

    private static List<Document> list(Document doc, String key) {
        List<Document> list = doc.getList(key, Document.class);
        if (list == null) {
            list = new ArrayList<>();
            doc.put(key, list);
        }
        return list;
    }

    private static <T> List<T> map(Document doc, String key, Function<Document, T> mapping) {
        return doc.getList(key, Document.class, List.of()).stream().map(mapping).toList();
    }

    private static void progress(Document request, SupplyDeliveryProgressed e) {
        list(request, "stages").add(new Document("stage", e.stage().name()).append("volunteerId", e.volunteerId())
                .append("reason", e.reason()).append("at", string(e.at())));
        if (e.orderId() != null) {
            request.put("orderId", e.orderId());
        }
        String current = request.getString("status");
        boolean later = SUPPLY_REQUESTED.equals(current) || e.stage() == DeliveryStage.CANCELLED
                || (!DeliveryStage.CANCELLED.name().equals(current)
                && e.stage().ordinal() > DeliveryStage.valueOf(current).ordinal());
        if (later) {
            request.put("status", e.stage().name());
        }
        if (e.delivered() && !request.getBoolean("delivered", false)) {
            request.put("delivered", true);
            request.put("deliveredAt", string(e.at()));
        }
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Document doc, String key) {
        String value = doc.getString(key);
        return value == null ? null : Instant.parse(value);
    }
}
