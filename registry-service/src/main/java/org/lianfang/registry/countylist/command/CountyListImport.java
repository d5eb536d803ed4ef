package org.lianfang.registry.countylist.command;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.RegisterPersonCommand;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.registry.compound.query.CompoundDirectory;
import org.lianfang.registry.countylist.client.CountyListClient;
import org.lianfang.registry.countylist.client.CountyListPage;
import org.lianfang.registry.countylist.client.CountyListUnavailableException;
import org.lianfang.registry.countylist.config.CountyListSettings;
import org.lianfang.registry.person.command.PersonRegistration;

/**
 * Imports the county's returnee list page by page, durably. A page is first staged whole in the
 * progress document, then its entries are imported one by one (each recorded under the county's
 * entry id), and only then does the cursor move past it. So a crash mid-page resumes from the
 * staged page without asking the county again, an entry is imported once however often it is
 * read, and a page that cannot be read whole is not imported at all. An ID number already
 * registered becomes a match (and a correction of the facts that differ), never a second person.
 */
public class CountyListImport {

    public static final String PROGRESS = "county_list_progress";
    public static final String ENTRIES = "county_list_entries";

    /** What became of one entry. */
    public enum EntryOutcome { REGISTERED, MATCHED, CORRECTED, REJECTED, ALREADY_IMPORTED }

    /** What one pull did. */
    public enum PullOutcome { IMPORTED, UP_TO_DATE, UNAVAILABLE, MALFORMED, CIRCUIT_OPEN }

    /** The summary of one pull: pages read, entries by outcome, and where the cursor stands. */
    public record PullResult(PullOutcome outcome, int pages, Map<EntryOutcome, Integer> entries, String cursor,
            String problem) {
    }

    private final CountyListClient client;
    private final PersonRegistration registration;
    private final CountyListSettings settings;
    private final MongoCollection<Document> progress;
    private final MongoCollection<Document> entries;
    private final MeterRegistry meters;
    private final Clock clock;
    private final CompoundDirectory compounds;

    public CountyListImport(CountyListClient client, PersonRegistration registration, CountyListSettings settings,
            MongoDatabase serviceDatabase, MeterRegistry meters, Clock clock, CompoundDirectory compounds) {
        this.compounds = compounds;
        this.client = client;
        this.registration = registration;
        this.settings = settings;
        this.progress = serviceDatabase.getCollection(PROGRESS);
        this.entries = serviceDatabase.getCollection(ENTRIES);
        this.meters = meters;
        this.clock = clock;
    }

    /** Pulls until the county has nothing new, at most {@code max-pages-per-pull} pages. One at a time. */
    public synchronized PullResult pull() {
        Map<EntryOutcome, Integer> counts = new EnumMap<>(EntryOutcome.class);
        int pages = 0;
        PullOutcome outcome = PullOutcome.UP_TO_DATE;
        String problem = null;
        try {
            while (pages < settings.maxPagesPerPull()) {
                Document state = state();
                String cursor = state.getString("cursor");
                Document staged = state.get("staged", Document.class);
                if (staged == null || !Objects.equals(staged.getString("cursor"), cursor)) {
                    CountyListPage page = client.fetch(cursor);
                    if (page.entries().isEmpty() || page.nextCursor().equals(cursor)) {
                        break;
                    }
                    staged = stage(cursor, page);
                }
                for (Document entry : staged.getList("entries", Document.class)) {
                    EntryOutcome done = importEntry(entry);
                    counts.merge(done, 1, Integer::sum);
                    entryCounter(done).increment();
                }
                progress.updateOne(Filters.eq("_id", settings.communityId()), Updates.combine(
                        Updates.set("cursor", staged.getString("nextCursor")), Updates.unset("staged")));
                pages++;
                outcome = PullOutcome.IMPORTED;
            }
        } catch (CountyListUnavailableException e) {
            outcome = switch (e.reason()) {
                case MALFORMED -> PullOutcome.MALFORMED;
                case CIRCUIT_OPEN -> PullOutcome.CIRCUIT_OPEN;
                case UNAVAILABLE -> PullOutcome.UNAVAILABLE;
            };
            problem = e.getMessage();
        }
        pullCounter(outcome).increment();
        String cursor = state().getString("cursor");
        progress.updateOne(Filters.eq("_id", settings.communityId()), Updates.set("lastPull",
                new Document("outcome", outcome.name()).append("at", clock.instant().toString())
                        .append("pages", pages).append("problem", problem)), new UpdateOptions().upsert(true));
        return new PullResult(outcome, pages, Map.copyOf(counts), cursor, problem);
    }

    /** The cursor, a staged page if any, and the last pull's outcome. */
    public Document state() {
        Document state = progress.find(Filters.eq("_id", settings.communityId())).first();
        return state == null ? new Document("_id", settings.communityId()) : state;
    }

    /**
     * Drops an erased person's entries from a staged page (a page whose import was interrupted):
     * entries already imported are known by their id, so what remains of the page imports the same.
     */
    public void forget(String personId) {
        Document state = progress.find(Filters.eq("_id", settings.communityId())).first();
        Document staged = state == null ? null : state.get("staged", Document.class);
        if (staged == null) {
            return;
        }
        List<Document> kept = new ArrayList<>();
        for (Document entry : staged.getList("entries", Document.class)) {
            String entryId = entry.getString("entryId");
            boolean theirs = entryId != null && entry(entryId)
                    .map(known -> personId.equals(known.getString("personId"))).orElse(false);
            if (!theirs) {
                kept.add(entry);
            }
        }
        if (kept.size() != staged.getList("entries", Document.class).size()) {
            progress.updateOne(Filters.eq("_id", settings.communityId()), Updates.set("staged.entries", kept));
        }
    }

    /** What the import made of one county entry, if it saw it. */
    public Optional<Document> entry(String entryId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", key(entryId))).first());
    }

    private Document stage(String cursor, CountyListPage page) {
        List<Document> staged = new ArrayList<>();
        for (CountyListPage.Entry e : page.entries()) {
            staged.add(new Document("entryId", e.entryId()).append("residentIdNumber", e.residentIdNumber())
                    .append("name", e.name()).append("phone", e.phone()).append("origin", e.origin())
                    .append("arrivalDate", e.arrivalDate()).append("comingFrom", e.comingFrom())
                    .append("transport", e.transport()).append("compound", e.compound())
                    .append("address", e.address()).append("hubeiContact", e.hubeiContact()));
        }
        Document document = new Document("cursor", cursor).append("nextCursor", page.nextCursor())
                .append("entries", staged).append("stagedAt", clock.instant().toString());
        progress.updateOne(Filters.eq("_id", settings.communityId()), Updates.set("staged", document),
                new UpdateOptions().upsert(true));
        return document;
    }

    private EntryOutcome importEntry(Document entry) {
        String entryId = entry.getString("entryId");
        if (entryId == null || entryId.isBlank()) {
            return EntryOutcome.REJECTED;
        }
        Document known = entries.find(Filters.eq("_id", key(entryId))).first();
        if (known != null) {
            return EntryOutcome.ALREADY_IMPORTED;
        }
        Optional<String> problem = CountyListEntryRules.problemWith(entry, LocalDate.now(clock.withZone(settings.zone())));
        if (problem.isPresent()) {
            record(entryId, EntryOutcome.REJECTED, null, problem.get());
            return EntryOutcome.REJECTED;
        }
        ResidentIdNumber number = ResidentIdNumber.of(entry.getString("residentIdNumber"));
        Origin origin = Origin.valueOf(entry.getString("origin"));
        String arrival = entry.getString("arrivalDate");
        String transport = join(entry.getString("transport"), entry.getString("comingFrom"));
        String compound = blank(entry.getString("compound"));
        String compoundId = compounds.resolve(settings.communityId(), compound).map(CompoundDirectory.Resolved::id)
                .orElse(null);
        PersonRegistration.Outcome outcome = registration.register(number, (personId, registeredAt) ->
                new RegisterPersonCommand(personId, entry.getString("name").strip(), number, entry.getString("phone"),
                        origin, arrival == null ? null : LocalDate.parse(arrival), compound,
                        blank(entry.getString("address")), transport, RegistrationSource.COUNTY_LIST, registeredAt,
                        entry.getBoolean("hubeiContact"), settings.registeredBy(), compoundId, null),
                Map.of(MetadataKeys.COMMUNITY_ID, settings.communityId(), MetadataKeys.ACTOR, settings.registeredBy()));
        EntryOutcome done = outcome.registered() ? EntryOutcome.REGISTERED
                : outcome.corrected().isEmpty() ? EntryOutcome.MATCHED : EntryOutcome.CORRECTED;
        record(entryId, done, outcome.personId().value(), outcome.corrected().isEmpty() ? null
                : "corrected " + String.join(", ", outcome.corrected()));
        return done;
    }

    private void record(String entryId, EntryOutcome outcome, String personId, String note) {
        entries.replaceOne(Filters.eq("_id", key(entryId)), new Document("_id", key(entryId))
                .append("entryId", entryId).append("outcome", outcome.name()).append("personId", personId)
                .append("note", note).append("at", clock.instant().toString()), new ReplaceOptions().upsert(true));
    }

    private String key(String entryId) {
        return settings.communityId() + "|" + entryId;
    }

    private Counter pullCounter(PullOutcome outcome) {
        return Counter.builder("registry.county_list.pulls").description("County list pulls by outcome")
                .tag("outcome", outcome.name().toLowerCase()).register(meters);
    }

    private Counter entryCounter(EntryOutcome outcome) {
        return Counter.builder("registry.county_list.entries").description("County list entries by outcome")
                .tag("outcome", outcome.name().toLowerCase()).register(meters);
    }

    private static String join(String transport, String comingFrom) {
        String t = blank(transport);
        String from = blank(comingFrom);
        if (from == null) {
            return t;
        }
        return t == null ? "from " + from : t + ", from " + from;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
