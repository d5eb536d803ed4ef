package org.lianfang.quarantine.cases.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.quarantine.CheckMissed;
import org.lianfang.contracts.quarantine.FeverDetected;
import org.lianfang.contracts.quarantine.FeverReferralAccepted;
import org.lianfang.contracts.quarantine.FeverReferralFailed;
import org.lianfang.contracts.quarantine.FeverReferralRequested;
import org.lianfang.contracts.quarantine.FeverReferralRetrying;
import org.lianfang.contracts.quarantine.FeverReferralSent;
import org.lianfang.contracts.quarantine.QuarantineBreachRecorded;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.SupplyDeliveryProgressed;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.QuarantineTransferred;
import org.lianfang.contracts.quarantine.SymptomReported;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code quarantine_cases} (one document per case, by {@code _id}) and
 * {@code quarantine_person_cases} (the cases of each person, by person id). Both writes are
 * idempotent: the case document skips events it has applied, the person index adds to a set.
 */
@Component
@ProcessingGroup(CaseProjection.PROCESSING_GROUP)
public class CaseProjection {

    public static final String PROCESSING_GROUP = "quarantine-case-view";
    public static final String CASES = "quarantine_cases";
    public static final String PERSON_CASES = "quarantine_person_cases";

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> personCases;
    private final CaseErasures erasures;

    public CaseProjection(MongoDatabase serviceDatabase) {
        this.cases = serviceDatabase.getCollection(CASES);
        this.personCases = serviceDatabase.getCollection(PERSON_CASES);
        this.erasures = new CaseErasures(serviceDatabase);
    }

    /** A person erased through this service's own admin API (an erasure through the registry: {@link CaseErasures}). */
    @EventHandler
    void on(PersonErased event) {
        erasures.forget(event.personId());
    }

    @EventHandler
    void on(QuarantineStarted event, @SequenceNumber long sequence) {
        personCases.updateOne(Filters.eq("_id", event.personId()),
                Updates.addToSet("caseIds", event.caseId().value()), new UpdateOptions().upsert(true));
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(CheckMissed event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(TemperatureRecorded event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(FeverDetected event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(SymptomReported event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(QuarantineExtended event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(QuarantineTransferred event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(QuarantineReleasedEarly event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(QuarantineCompleted event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(FeverReferralRequested event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(FeverReferralRetrying event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(FeverReferralSent event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(FeverReferralAccepted event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(FeverReferralFailed event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(QuarantineBreachRecorded event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(SupplyRequested event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    @EventHandler
    void on(SupplyDeliveryProgressed event, @SequenceNumber long sequence) {
        apply(event.caseId().value(), event, sequence);
    }

    private void apply(String caseId, Object event, long sequence) {
        Document doc = Optional.ofNullable(cases.find(Filters.eq("_id", caseId)).first())
                .orElseGet(() -> new Document("_id", caseId));
        if (CaseDocuments.apply(doc, event, sequence)) {
            cases.replaceOne(Filters.eq("_id", caseId), doc, new ReplaceOptions().upsert(true));
        }
    }

    /** The projected case, if the projection has seen it. */
    public Optional<CaseView> find(String caseId) {
        return Optional.ofNullable(cases.find(Filters.eq("_id", caseId)).first())
                .filter(doc -> doc.containsKey("personId"))
                .map(CaseDocuments::toView);
    }

    /** The projected cases of a person, oldest first. */
    public List<CaseView> findByPerson(String personId) {
        Document index = personCases.find(Filters.eq("_id", personId)).first();
        if (index == null) {
            return List.of();
        }
        List<CaseView> views = new ArrayList<>();
        cases.find(Filters.in("_id", index.getList("caseIds", String.class))).forEach(doc -> {
            if (doc.containsKey("personId")) {
                views.add(CaseDocuments.toView(doc));
            }
        });
        views.sort(Comparator.comparing(CaseView::startedAt));
        return views;
    }
}
