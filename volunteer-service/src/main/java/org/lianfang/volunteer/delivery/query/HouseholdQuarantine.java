package org.lianfang.volunteer.delivery.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * Which households are in quarantine, from other services' events: who lives in a household comes
 * from the registry ({@code HouseholdMemberAdded}) and from quarantine supply requests (which name
 * the person and the household); who is in quarantine comes from quarantine-service
 * ({@code QuarantineStarted}, ended by {@code QuarantineCompleted} or {@code QuarantineReleasedEarly}).
 * A household is in quarantine while any member has a case that has not ended. Every write is
 * order-independent (ended wins), so the two sources may be read at different speeds.
 */
@Component
public class HouseholdQuarantine {

    static final String CASES = "volunteer_quarantine_cases";
    static final String INDEX = "volunteer_household_index";

    private final MongoCollection<Document> cases;
    private final SetIndex index;

    public HouseholdQuarantine(MongoDatabase serviceDatabase) {
        this.cases = serviceDatabase.getCollection(CASES);
        this.index = new SetIndex(serviceDatabase, INDEX);
    }

    public void member(String householdId, String personId) {
        if (householdId != null && personId != null) {
            index.add("members|" + householdId, personId);
        }
    }

    public void caseStarted(String caseId, String personId) {
        cases.updateOne(Filters.eq("_id", caseId), Updates.combine(Updates.set("personId", personId),
                Updates.setOnInsert("ended", false)), new UpdateOptions().upsert(true));
        index.add("cases|" + personId, caseId);
    }

    public void caseEnded(String caseId, String personId) {
        cases.updateOne(Filters.eq("_id", caseId), Updates.combine(Updates.set("personId", personId),
                Updates.set("ended", true)), new UpdateOptions().upsert(true));
        index.add("cases|" + personId, caseId);
    }

    /** The registry persons known to live in the household. */
    public TreeSet<String> members(String householdId) {
        return householdId == null ? new TreeSet<>() : index.members("members|" + householdId);
    }

    /** Whether anyone of the household, or any of {@code alsoPersons}, is in quarantine now. */
    public boolean quarantined(String householdId, Collection<String> alsoPersons) {
        TreeSet<String> persons = members(householdId);
        persons.addAll(alsoPersons);
        if (persons.isEmpty()) {
            return false;
        }
        TreeSet<String> caseIds = index.members(persons.stream().map(p -> "cases|" + p).toList());
        return Documents.byIds(cases, List.copyOf(caseIds)).stream().anyMatch(c -> !c.getBoolean("ended", false));
    }
}
