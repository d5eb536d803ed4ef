package org.lianfang.registry.person.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.springframework.stereotype.Component;

/**
 * Who is in which compound, with which colour and origin, kept so that listing reads only by
 * {@code _id} (the embedded store scans anything else): one set of person ids per
 * compound × colour × origin, a set of known compounds, and one entry per person saying which set
 * holds them now (with the sequence number of the last event applied, so older events are ignored
 * and a replay changes nothing twice).
 */
@Component
@ProcessingGroup(PersonIndex.PROCESSING_GROUP)
public class PersonIndex {

    public static final String PROCESSING_GROUP = "person-index";
    public static final String SETS = "person_index";
    public static final String ENTRIES = "person_index_entries";
    static final String COMPOUNDS = "compounds";
    static final String NONE = "-";

    private final MongoCollection<Document> sets;
    private final MongoCollection<Document> entries;

    public PersonIndex(MongoDatabase serviceDatabase) {
        this.sets = serviceDatabase.getCollection(SETS);
        this.entries = serviceDatabase.getCollection(ENTRIES);
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber Long sequence) {
        move(event.personId().value(), sequence, new Place(event.compound(), null, event.origin()));
    }

    @EventHandler
    void on(PersonDetailsCorrected event, @SequenceNumber Long sequence) {
        current(event.personId().value()).ifPresent(place -> move(event.personId().value(), sequence,
                new Place(event.changedFields().contains("compound") ? event.compound() : place.compound(),
                        place.colour(), event.changedFields().contains("origin") ? event.origin() : place.origin())));
    }

    @EventHandler
    void on(RiskColourChanged event, @SequenceNumber Long sequence) {
        current(event.personId().value()).ifPresent(place -> move(event.personId().value(), sequence,
                new Place(place.compound(), event.to(), place.origin())));
    }

    /**
     * The ids of the persons matching every given filter (null = any), in id order, after
     * {@code cursor} (exclusive, null = from the start), at most {@code limit}.
     */
    public List<String> find(String compound, RiskColour colour, Origin origin, String cursor, int limit) {
        List<String> compounds = compound != null ? List.of(compound) : knownCompounds();
        List<String> colours = new ArrayList<>();
        if (colour != null) {
            colours.add(colour.name());
        } else {
            for (RiskColour c : RiskColour.values()) {
                colours.add(c.name());
            }
            colours.add(NONE);
        }
        List<String> keys = new ArrayList<>();
        for (String c : compounds) {
            for (String col : colours) {
                for (Origin o : origin != null ? List.of(origin) : List.of(Origin.values())) {
                    keys.add(key(c, col, o.name()));
                }
            }
        }
        TreeSet<String> ids = new TreeSet<>();
        sets.find(Filters.in("_id", keys)).forEach(set -> ids.addAll(set.getList("personIds", String.class, List.of())));
        return (cursor == null ? ids : ids.tailSet(cursor, false)).stream().limit(limit).toList();
    }

    private List<String> knownCompounds() {
        Document known = sets.find(Filters.eq("_id", COMPOUNDS)).first();
        return known == null ? List.of() : known.getList("names", String.class, List.of());
    }

    private record Place(String compound, RiskColour colour, Origin origin) {
        String key() {
            return PersonIndex.key(compound == null ? NONE : compound, colour == null ? NONE : colour.name(),
                    origin.name());
        }
    }

    private Optional<Place> current(String personId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", personId)).first()).map(entry -> {
            String colour = entry.getString("colour");
            return new Place(entry.getString("compound"), colour == null ? null : RiskColour.valueOf(colour),
                    Origin.valueOf(entry.getString("origin")));
        });
    }

    private void move(String personId, long sequence, Place to) {
        Document entry = entries.find(Filters.eq("_id", personId)).first();
        if (entry != null && entry.get("version", Number.class).longValue() >= sequence) {
            return;
        }
        if (entry != null && !entry.getString("key").equals(to.key())) {
            sets.updateOne(Filters.eq("_id", entry.getString("key")), Updates.pull("personIds", personId));
        }
        sets.updateOne(Filters.eq("_id", to.key()), Updates.addToSet("personIds", personId),
                new UpdateOptions().upsert(true));
        sets.updateOne(Filters.eq("_id", COMPOUNDS), Updates.addToSet("names",
                to.compound() == null ? NONE : to.compound()), new UpdateOptions().upsert(true));
        entries.replaceOne(Filters.eq("_id", personId), new Document("_id", personId).append("key", to.key())
                        .append("compound", to.compound()).append("colour", to.colour() == null ? null : to.colour().name())
                        .append("origin", to.origin().name()).append("version", sequence),
                new ReplaceOptions().upsert(true));
    }

    static String key(String compound, String colour, String origin) {
        return "set|" + compound + "|" + colour + "|" + origin;
    }
}
