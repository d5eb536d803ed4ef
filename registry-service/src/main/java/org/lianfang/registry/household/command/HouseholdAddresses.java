package org.lianfang.registry.household.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * One household per address: the address is claimed by inserting a document whose {@code _id} is
 * the address, which is atomic on both stores (the same pattern as resident ID claims).
 */
@Component
public class HouseholdAddresses {

    public static final String COLLECTION = "household_addresses";

    private final MongoCollection<Document> addresses;

    public HouseholdAddresses(MongoDatabase serviceDatabase) {
        this.addresses = serviceDatabase.getCollection(COLLECTION);
    }

    /** The outcome of a claim: the household at the address, and whether this call claimed it. */
    public record Claim(String householdId, boolean fresh) {
    }

    public Claim claim(String compoundId, String building, String unit, String room, String candidate) {
        String key = String.join("|", compoundId, building, unit == null ? "" : unit, room);
        try {
            addresses.insertOne(new Document("_id", key).append("householdId", candidate));
            return new Claim(candidate, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = addresses.find(Filters.eq("_id", key)).first();
        if (existing == null) {
            throw new IllegalStateException("an address claim vanished; claims are never deleted");
        }
        return new Claim(existing.getString("householdId"), false);
    }
}
