package org.lianfang.registry.person.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.OwnerRole;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.springframework.stereotype.Component;

/**
 * Who is in which community and compound, with which colour, origin and owner, kept so that
 * listing and counting read only by {@code _id} (the embedded store scans anything else): one set
 * of person ids per community × compound × colour × origin, one per community × owner, the known
 * communities, compounds and owners, and one entry per person saying where they are now (with the
 * sequence number of the last event applied, so older events are ignored and a replay changes
 * nothing twice). A reset empties it, so a rebuild from scratch gives the same sets.
 */
@Component
@ProcessingGroup(PersonIndex.PROCESSING_GROUP)
public class PersonIndex {

    public static final String PROCESSING_GROUP = "person-index";
    public static final String SETS = "person_index";
    public static final String ENTRIES = "person_index_entries";
    static final String COMMUNITIES = "communities";
    static final String NONE = "-";

    private final MongoCollection<Document> sets;
    private final MongoCollection<Document> entries;

    public PersonIndex(MongoDatabase serviceDatabase) {
        this.sets = serviceDatabase.getCollection(SETS);
        this.entries = serviceDatabase.getCollection(ENTRIES);
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId) {
        move(event.personId().value(), sequence, new Place(communityId == null ? NONE : communityId,
                event.compound(), null, event.origin(), null));
    }

    @EventHandler
    void on(PersonDetailsCorrected event, @SequenceNumber Long sequence) {
        current(event.personId().value()).ifPresent(place -> move(event.personId().value(), sequence,
                new Place(place.community(), event.changedFields().contains("compound") ? event.compound()
                        : place.compound(), place.colour(),
                        event.changedFields().contains("origin") ? event.origin() : place.origin(), place.owner())));
    }

    @EventHandler
    void on(RiskColourChanged event, @SequenceNumber Long sequence) {
        current(event.personId().value()).ifPresent(place -> move(event.personId().value(), sequence,
                new Place(place.community(), place.compound(), event.to(), place.origin(), ownerKey(event.owner()))));
    }

    @ResetHandler
    void reset() {
        sets.deleteMany(new Document());
        entries.deleteMany(new Document());
    }

    /** The owner as one key: the named staff member, else the owning roles joined by {@code +}. */
    public static String ownerKey(ColourOwner owner) {
        if (owner == null) {
            return null;
        }
        if (owner.roles().contains(OwnerRole.NAMED_STAFF) && owner.staffMember() != null) {
            return owner.staffMember();
        }
        return String.join("+", owner.roles().stream().map(Enum::name).toList());
    }

    /**
     * The ids of the persons of {@code community} (null = every community) matching every given
     * filter (null = any), in id order, after {@code cursor} (exclusive, null = from the start), at most {@code limit}.
     */
    public List<String> find(String community, String compound, RiskColour colour, Origin origin, String owner,
            String cursor, int limit) {
        TreeSet<String> ids = new TreeSet<>();
        List<String> keys = new ArrayList<>();
        for (String c : communities(community)) {
            for (String comp : compound != null ? List.of(compound) : knownCompounds(c)) {
                for (String col : colour != null ? List.of(colour.name()) : colours()) {
                    for (Origin o : origin != null ? List.of(origin) : List.of(Origin.values())) {
                        keys.add(key(c, comp, col, o.name()));
                    }
                }
            }
        }
        sets.find(Filters.in("_id", keys)).forEach(set -> ids.addAll(set.getList("personIds", String.class, List.of())));
        if (owner != null) {
            Set<String> owned = new HashSet<>();
            List<String> ownerKeys = communities(community).stream().map(c -> ownerSet(c, owner)).toList();
            sets.find(Filters.in("_id", ownerKeys)).forEach(set ->
                    owned.addAll(set.getList("personIds", String.class, List.of())));
            ids.retainAll(owned);
        }
        return (cursor == null ? ids : ids.tailSet(cursor, false)).stream().limit(limit).toList();
    }

    /** How many persons per community × compound × colour × origin (only non-zero counts). */
    public List<Count> counts(String community) {
        List<Count> counts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String c : communities(community)) {
            for (String comp : knownCompounds(c)) {
                for (String col : colours()) {
                    for (Origin o : Origin.values()) {
                        keys.add(key(c, comp, col, o.name()));
                    }
                }
            }
        }
        sets.find(Filters.in("_id", keys)).forEach(set -> {
            int size = set.getList("personIds", String.class, List.of()).size();
            if (size > 0) {
                String[] parts = set.getString("_id").split("\\|", -1);
                counts.add(new Count(parts[1], parts[2], parts[3], parts[4], size));
            }
        });
        counts.sort(java.util.Comparator.comparing(Count::community).thenComparing(Count::compound)
                .thenComparing(Count::colour).thenComparing(Count::origin));
        return counts;
    }

    /** How many persons each owner has, per community (only non-zero counts). */
    public Map<String, Map<String, Integer>> ownerCounts(String community) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (String c : communities(community)) {
            List<String> keys = known("owners|" + c).stream().map(o -> ownerSet(c, o)).toList();
            Map<String, Integer> owners = new java.util.TreeMap<>();
            sets.find(Filters.in("_id", keys)).forEach(set -> {
                int size = set.getList("personIds", String.class, List.of()).size();
                if (size > 0) {
                    owners.put(set.getString("owner"), size);
                }
            });
            counts.put(c, owners);
        }
        return counts;
    }

    /** One cell of the board. */
    public record Count(String community, String compound, String colour, String origin, int persons) {
    }

    private List<String> communities(String community) {
        return community != null ? List.of(community) : known(COMMUNITIES);
    }

    private List<String> knownCompounds(String community) {
        return known("compounds|" + community);
    }

    private List<String> known(String id) {
        Document known = sets.find(Filters.eq("_id", id)).first();
        return known == null ? List.of() : known.getList("names", String.class, List.of());
    }

    private static List<String> colours() {
        List<String> colours = new ArrayList<>();
        for (RiskColour c : RiskColour.values()) {
            colours.add(c.name());
        }
        colours.add(NONE);
        return colours;
    }

    private record Place(String community, String compound, RiskColour colour, Origin origin, String owner) {
        String key() {
            return PersonIndex.key(community, compound == null ? NONE : compound,
                    colour == null ? NONE : colour.name(), origin.name());
        }
    }

    private Optional<Place> current(String personId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", personId)).first()).map(entry -> {
            String colour = entry.getString("colour");
            return new Place(entry.getString("community"), entry.getString("compound"),
                    colour == null ? null : RiskColour.valueOf(colour), Origin.valueOf(entry.getString("origin")),
                    entry.getString("owner"));
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
        String previousOwner = entry == null ? null : entry.getString("owner");
        if (previousOwner != null && !previousOwner.equals(to.owner())) {
            sets.updateOne(Filters.eq("_id", ownerSet(to.community(), previousOwner)), Updates.pull("personIds", personId));
        }
        sets.updateOne(Filters.eq("_id", to.key()), Updates.addToSet("personIds", personId),
                new UpdateOptions().upsert(true));
        if (to.owner() != null) {
            sets.updateOne(Filters.eq("_id", ownerSet(to.community(), to.owner())), Updates.combine(
                    Updates.addToSet("personIds", personId), Updates.set("owner", to.owner())),
                    new UpdateOptions().upsert(true));
            addName("owners|" + to.community(), to.owner());
        }
        addName(COMMUNITIES, to.community());
        addName("compounds|" + to.community(), to.compound() == null ? NONE : to.compound());
        entries.replaceOne(Filters.eq("_id", personId), new Document("_id", personId).append("key", to.key())
                        .append("community", to.community()).append("compound", to.compound())
                        .append("colour", to.colour() == null ? null : to.colour().name())
                        .append("origin", to.origin().name()).append("owner", to.owner()).append("version", sequence),
                new ReplaceOptions().upsert(true));
    }

    private void addName(String id, String name) {
        sets.updateOne(Filters.eq("_id", id), Updates.addToSet("names", name), new UpdateOptions().upsert(true));
    }

    private static String ownerSet(String community, String owner) {
        return "owner|" + community + "|" + owner;
    }

    static String key(String community, String compound, String colour, String origin) {
        return "set|" + community + "|" + compound + "|" + colour + "|" + origin;
    }
}
