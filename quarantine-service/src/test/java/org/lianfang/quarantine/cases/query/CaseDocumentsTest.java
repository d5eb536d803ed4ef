package org.lianfang.quarantine.cases.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.quarantine.FeverDetected;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.quarantine.cases.command.QuarantineStatus;

/** The case document as the projection folds it: complete, exact, and unchanged by a second delivery. */
class CaseDocumentsTest {

    private static final QuarantineCaseId CASE = QuarantineCaseId.of("case-1");
    private static final Instant T0 = Instant.parse("2020-01-25T02:00:00Z");
    private static final List<Object> EVENTS = List.of(
            new QuarantineStarted(CASE, "p-1", QuarantineKind.HOME, LocalDate.parse("2020-01-24"),
                    Instant.parse("2020-02-06T16:00:00Z"), "r", "registry", T0),
            new TemperatureRecorded(CASE, "p-1", new BigDecimal("37.30"), MeasurementMethod.AXILLARY, "m", T0, T0),
            new FeverDetected(CASE, "p-1", new BigDecimal("37.30"), new BigDecimal("37.3"), T0),
            new QuarantineExtended(CASE, "p-1", 2, "r", "op", Instant.parse("2020-02-08T16:00:00Z"), T0),
            new QuarantineCompleted(CASE, "p-1", "op", Instant.parse("2020-02-09T00:00:00Z")));

    @Test
    void theTimelineHoldsEveryEventExactly() {
        Document doc = fold(new Document("_id", CASE.value()));

        CaseView view = CaseDocuments.toView(doc);

        assertThat(view.status()).isEqualTo(QuarantineStatus.COMPLETED);
        assertThat(view.endsAt()).isEqualTo(Instant.parse("2020-02-08T16:00:00Z"));
        assertThat(view.readings()).singleElement().satisfies(r -> {
            assertThat(r.celsius()).isEqualTo(new BigDecimal("37.30"));
            assertThat(r.fever()).isTrue();
        });
        assertThat(view.fevers()).hasSize(1);
        assertThat(view.extensions()).extracting(CaseView.Extension::days).containsExactly(2);
        assertThat(view.endedBy()).isEqualTo("op");
    }

    @Test
    void applyingEveryEventAgainChangesNothing() {
        Document once = fold(new Document("_id", CASE.value()));
        Document copy = Document.parse(once.toJson());

        for (int i = 0; i < EVENTS.size(); i++) {
            assertThat(CaseDocuments.apply(copy, EVENTS.get(i), i)).isFalse();
        }

        assertThat(copy.toJson()).isEqualTo(once.toJson());
    }

    private static Document fold(Document doc) {
        for (int i = 0; i < EVENTS.size(); i++) {
            assertThat(CaseDocuments.apply(doc, EVENTS.get(i), i)).isTrue();
        }
        return doc;
    }
}
