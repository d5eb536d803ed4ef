package org.lianfang.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Supplier;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

/**
 * The per-person index, maintained off the commit path.
 *
 * <p>Every commit document names the persons of each of its events ({@code pp}). An indexer —
 * a tracking reader of the commits, with its own gap-aware position stored in the counters
 * collection — turns them into per-person entries, many events per round trip, and stores its
 * position only after the entries are written: a crash repeats entries (readers drop the
 * duplicates) but never skips any. Each writing engine runs one in the background; the
 * instances share the position and the one that advanced it last keeps the work for a while,
 * so they rarely index the same commits twice. The commits an instance wrote itself its indexer
 * takes from memory rather than reading them back, as long as they follow its position one
 * after the other; everything else it reads from the store. Writers keep their instance's indexer
 * within {@value #MAX_LAG} global indexes of their commits: a writer that finds it further behind
 * runs a round itself before its append returns, so a burst of writes slows down to what the index
 * can take instead of leaving it ever further behind.
 *
 * <p>A read never waits for the indexer: it takes the indexed entries and reads the commits the
 * indexer has not reached yet (its gaps and everything up to the counter) by key, so it sees
 * every commit acknowledged before it started. Like a tracking processor, the indexer gives up
 * a gap after the gap timeout; a commit that becomes visible later than that is not indexed.
 *
 * <p>Per person, a page document per 524,288 global indexes ({@code personId~page}) holds the
 * person's first {@value #PAGE_HELD} entries in that span itself ({@code gc}: each entry's
 * global index and its commit's, counted in {@code n}): one upsert per person and round, which
 * is all a person of a community ever needs (a fortnight's quarantine is a few dozen events).
 * Entries beyond that spill to one bucket document per window of 1,024 global indexes
 * ({@code personId#window}), which the page lists
 * ({@code w}); a read probes the pages up to the counter's by key, and only a spilled person's
 * buckets after them. Every document stays bounded for a person with thousands of events (a
 * volunteer on many shifts): a page by {@value #PAGE_HELD} entries and 512 windows, a bucket by
 * its window; the probe has one key per 524,288 global indexes (about 190 at 100 M events).
 * Pages that only list windows and buckets of {@code idx} entry documents (the layout before
 * 2026-11-30) are read as before.
 */
final class PersonIndex {

    static final String POSITION_ID = "person-index";
    static final int WINDOW_BITS = 10;
    static final int PAGE_BITS = 9;
    /** The entries a page holds itself before its person's entries spill to window buckets. */
    static final int PAGE_HELD = 128;

    private static final Logger log = LoggerFactory.getLogger(PersonIndex.class);
    private static final int INDEX_BATCH = 1000;
    private static final int TAIL_CHUNK = 4096;
    private static final int CATCH_UP_ABOVE = 2000;
    private static final long IDLE_ROUND_MILLIS = 1000;
    private static final int LISTED_WINDOWS = 65_536;
    /** A power of two. */
    private static final int WRITTEN_KEPT = 16_384;
    /**
     * How far (in global indexes) this instance's indexer may fall behind its commits before its
     * writers help: one full round. Well inside the ring of own commits, so a late indexer never
     * reads them back; and what is left to index when the writers stop stays small. (Four writers
     * on the memory backend, 24 runs of 1.2 s each, twice: one round 12,974 and 12,453 appends/s,
     * median drain after a run 10 and 19 ms; two rounds 12,303 and 11,725/s, 29 and 32 ms; half
     * a round 10,302 and 9,595/s, its rounds too small.)
     */
    static final int MAX_LAG = INDEX_BATCH;

    /** The engine's tracking read of commits, shared with the indexer. */
    interface CommitReader {
        /** The position with the gaps given up that a tracking processor would give up. */
        GapAwareTrackingToken clean(GapAwareTrackingToken position);

        /** Commits after a position (its gaps and the next window), the projection applied, by {@code _id}. */
        List<Document> after(GapAwareTrackingToken position, int batchSize, Bson projection);

        /** Whether the indexes {@code from..to} are this instance's, not handed out yet (none is written). */
        default boolean untaken(long from, long to) {
            return false;
        }
    }

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> persons;
    private final String globalCounterId;
    private final CommitReader reader;
    private final int maxGapOffset;
    private final long intervalMillis;
    private final Clock clock;
    private final Function<Supplier<Object>, Object> guard;
    private final String owner = UUID.randomUUID().toString();

    /**
     * One indexing round at a time in this instance: the background indexer and readers catching
     * up on a long tail take turns, each round starting from the position the previous one stored.
     * Without it every reader of a long tail indexed the same commits again (at 1 M stored events,
     * 30 trail requests did, and the store's CPU went to their duplicate writes).
     */
    private final java.util.concurrent.locks.ReentrantLock rounds = new java.util.concurrent.locks.ReentrantLock();

    /** A test seam: runs after a round's entries were written and before its position is stored. */
    volatile Runnable afterEntriesWritten = () -> {
    };

    /**
     * Windows this instance has already listed on their person's page: a later round skips that
     * page's {@code $addToSet} (it would add nothing). Bounded; forgetting a window only costs
     * one redundant upsert.
     */
    private final Map<String, Boolean> listedWindows = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > LISTED_WINDOWS;
                }
            });

    /**
     * How many entries each page holds, as far as this instance knows: what it read of the page's
     * {@code n} the first time it wrote there, plus what it added since. Another instance's
     * additions since are not counted, so with several instances writing the same person's page
     * at once it may hold up to {@value #PAGE_HELD} from each; in practice one instance indexes at a
     * time. Bounded; forgetting a page only costs reading its count again.
     */
    private final Map<String, Integer> heldCounts = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                    return size() > LISTED_WINDOWS;
                }
            });

    /**
     * Commits this instance wrote, as far as the indexer needs them ({@code _id}, {@code first},
     * {@code pp}), by first global index, from the store's acknowledgement on: a round
     * that finds the next commits here, one after the other, takes them without reading them back
     * from the store. Anything else — another instance's commit, an index nobody used, a position
     * with gaps — is read from the store as before. A ring of {@value #WRITTEN_KEPT} slots by first
     * index: a commit {@value #WRITTEN_KEPT} indexes later takes an older one's slot, which is then
     * read back. (Until session 19 a sorted map trimmed to the same bound; its insert and trim were
     * 7.5 % of a writer's Java samples.)
     */
    private final AtomicReferenceArray<Written> written = new AtomicReferenceArray<>(WRITTEN_KEPT);

    private final boolean background;
    private final Object signal = new Object();
    /**
     * Set by writers, cleared by the indexer before a round. Volatile: a writer that finds it set
     * leaves the lock alone, since the indexer clears it only before a round that will see that
     * writer's commit (the commit is acknowledged, and in {@link #written}, before the writer looks).
     */
    private volatile boolean dirty;
    private volatile boolean running;
    /**
     * Where this instance's last round left the position; -1 while another instance holds the
     * work or after a failed round (writers then do not wait for this instance's indexer).
     */
    private volatile long indexedTo = -1;
    private Thread worker;

    PersonIndex(MongoCollection<Document> commits, MongoCollection<Document> counters, MongoCollection<Document> persons,
                String globalCounterId, CommitReader reader, int maxGapOffset, long intervalMillis, Clock clock,
                boolean background, Function<Supplier<Object>, Object> guard) {
        this.background = background;
        this.commits = commits;
        this.counters = counters;
        this.persons = persons;
        this.globalCounterId = globalCounterId;
        this.reader = reader;
        this.maxGapOffset = maxGapOffset;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
        this.guard = guard;
    }

    // ------------------------------------------------------------------ writing the commit

    /** The {@code pp} field of a commit: per event, the persons it names; null if none does. */
    static List<List<String>> commitPersons(List<Set<String>> perEvent) {
        if (perEvent.stream().allMatch(Set::isEmpty)) {
            return null;
        }
        List<List<String>> pp = new ArrayList<>(perEvent.size());
        perEvent.forEach(ids -> pp.add(new ArrayList<>(ids)));
        return pp;
    }

    /**
     * What the indexer needs of a commit, and what {@link #written} keeps of one: its indexes and
     * its {@code pp} (null if it names nobody).
     */
    private record Written(long id, long first, List<List<String>> persons) {

        /** A commit as read from the store with the indexer's projection. */
        static Written of(Document commit) {
            return new Written(commit.getLong("_id"), commit.getLong("first"), personsOf(commit));
        }
    }

    /** Called with the commits of an append the store acknowledged. */
    void written(List<IndexedMongoEventStorageEngine.Commit> acknowledged) {
        for (IndexedMongoEventStorageEngine.Commit commit : acknowledged) {
            Written kept = new Written(commit.id(), commit.first(), commit.persons());
            written.set(slot(commit.first()), kept);
        }
    }

    /** This instance's commits from {@code after + 1} on, one after the other, at most {@code max}. */
    private List<Written> ownCommits(long after, int max) {
        List<Written> taken = new ArrayList<>();
        long next = after + 1;
        while (taken.size() < max) {
            Written commit = written.get(slot(next));
            if (commit == null || commit.first() != next) {
                break;
            }
            taken.add(commit);
            next = commit.id() + 1;
        }
        return taken;
    }

    private static int slot(long first) {
        return (int) (first & (WRITTEN_KEPT - 1));
    }

    // ------------------------------------------------------------------ the background indexer

    /** Tells the background indexer there is something to index; starts it on first use. */
    void poke() {
        if (!background || dirty) {
            return;
        }
        synchronized (signal) {
            dirty = true;
            if (worker == null) {
                running = true;
                worker = new Thread(this::work, "person-indexer-" + owner.substring(0, 8));
                worker.setDaemon(true);
                worker.start();
            } else {
                signal.notifyAll();
            }
        }
    }

    void stop() {
        Thread t;
        synchronized (signal) {
            running = false;
            t = worker;
            signal.notifyAll();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void work() {
        int failures = 0;
        while (running) {
            try {
                synchronized (signal) {
                    if (!dirty) {
                        signal.wait(IDLE_ROUND_MILLIS);
                    }
                    dirty = false;
                }
                if (!running) {
                    return;
                }
                while (running && indexOnce(true)) {
                    // a full batch: more to index
                }
                failures = 0;
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException e) {
                log.debug("Person indexer stops: its client was closed ({})", e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (failures++ == 0) {
                    log.warn("Person indexer round failed, retrying: {}", e.toString());
                }
                try {
                    Thread.sleep(Math.min(10_000, Math.max(intervalMillis, 200) * (1L << Math.min(failures, 6))));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Indexes everything up to now, in this thread (a caller that is about to read a long tail). */
    void catchUp() {
        while (indexOnce(false)) {
            // until a batch is not full
        }
    }

    /**
     * One indexing round: reads the position, the commits after it, writes their entries, then
     * moves the position if nobody else moved it meanwhile. A background round leaves the work
     * to another instance that advanced the position recently.
     *
     * @return whether another round should follow at once: the batch was full, or — catching up
     *         ({@code background} false) — more commits may follow up to the counter
     */
    boolean indexOnce(boolean background) {
        rounds.lock();
        try {
            return round(background);
        } catch (RuntimeException e) {
            indexedTo = -1;
            throw e;
        } finally {
            rounds.unlock();
        }
    }

    /**
     * Called by a writer after its commit (up to {@code lastIndex}) was acknowledged: when this
     * instance's indexer is more than {@value #MAX_LAG} indexes behind it, the writer runs a round
     * itself (queueing for the round lock). Without it, four writers on two cores left the one
     * indexer thread further behind the longer they wrote, until its own commits had left the
     * ring and it read them back from the store. A failed round is the indexer's to retry: the
     * commit is stored either way.
     */
    void keepUp(long lastIndex) {
        if (!background || indexedTo < 0 || lastIndex - indexedTo <= MAX_LAG) {
            return;
        }
        rounds.lock();
        try {
            if (indexedTo >= 0 && lastIndex - indexedTo > MAX_LAG) {
                round(true);
            }
        } catch (RuntimeException e) {
            indexedTo = -1;
            log.debug("A writer's person-index round failed: {}", e.toString());
        } finally {
            rounds.unlock();
        }
    }

    private boolean round(boolean background) {
        State state = state();
        Document position = state.position();
        long now = clock.millis();
        if (background && position != null && !owner.equals(position.getString("owner"))
                && position.getDate("until") != null && position.getDate("until").getTime() > now) {
            indexedTo = -1;
            return false;
        }
        GapAwareTrackingToken token = reader.clean(tokenOf(position));
        long indexedUpTo = token == null ? 0 : token.getIndex();
        if (indexedUpTo >= state.head() && (token == null || token.getGaps().isEmpty())) {
            return false;
        }
        boolean own = false;
        List<Written> found = token == null || token.getGaps().isEmpty() ? ownCommits(indexedUpTo, INDEX_BATCH) : List.of();
        int batch = INDEX_BATCH;
        if (!found.isEmpty()) {
            own = true;
        } else {
            batch = (int) Math.max(1, Math.min(INDEX_BATCH, state.head() - indexedUpTo));
            found = reader.after(token, batch, include("first", "pp")).stream().map(Written::of).toList();
        }
        if (found.isEmpty()) {
            return false;
        }
        Map<String, List<Indexed>> entries = new LinkedHashMap<>();
        GapAwareTrackingToken advanced;
        if (own) {
            // one after the other from a position without gaps: every index is new and none is skipped
            found.forEach(commit -> collect(commit, commit.first(), commit.id(), entries));
            advanced = GapAwareTrackingToken.newInstance(found.get(found.size() - 1).id(), Set.of());
        } else {
            advanced = token == null ? GapAwareTrackingToken.newInstance(0, Set.of()) : token;
            for (Written commit : found) {
                for (long g = commit.first(); g <= commit.id(); g++) {
                    if (g > advanced.getIndex() || advanced.getGaps().contains(g)) {
                        advanced = advanced.advanceTo(g, maxGapOffset);
                        collect(commit, g, g, entries);
                    }
                }
            }
        }
        if (!entries.isEmpty()) {
            write(entries);
        }
        afterEntriesWritten.run();
        store(position, advanced, now);
        indexedTo = advanced.getIndex();
        if (own) {
            // the next commit is not this instance's or not acknowledged yet: the next round takes
            // it from memory if it is by then, or reads from the store — unless all the indexes
            // up to the counter are still this instance's to hand out. The background indexer
            // leaves that to its next round unless this one was full: behind a steady writer
            // there is always a next commit on its way, and going after it at once made rounds of
            // a few entries, one after the other (4 commands each; on H2 the writer's appends
            // ran at half their rate).
            long next = advanced.getIndex() + 1;
            return (!background || found.size() == INDEX_BATCH)
                    && next <= state.head() && !reader.untaken(next, state.head());
        }
        return batch == INDEX_BATCH && advanced.getIndex() < state.head();
    }

    /** The entries of a commit's events at global indexes {@code from..to}, by person. */
    private static void collect(Written commit, long from, long to, Map<String, List<Indexed>> entries) {
        List<List<String>> pp = commit.persons();
        if (pp == null) {
            return;
        }
        for (long g = from; g <= to; g++) {
            int offset = (int) (g - commit.first());
            if (offset < pp.size()) {
                for (String personId : pp.get(offset)) {
                    entries.computeIfAbsent(personId, p -> new ArrayList<>()).add(new Indexed(g, commit.id()));
                }
            }
        }
    }

    private void store(Document previous, GapAwareTrackingToken position, long now) {
        Document fields = new Document("i", position.getIndex())
                .append("gaps", new ArrayList<>(position.getGaps()))
                .append("owner", owner)
                .append("until", new Date(now + Math.max(5_000, 10 * intervalMillis)));
        try {
            if (previous == null) {
                Document created = new Document("_id", POSITION_ID).append("v", 1L);
                created.putAll(fields);
                counters.insertOne(created);
            } else {
                long version = previous.get("v") == null ? 0 : ((Number) previous.get("v")).longValue();
                fields.append("v", version + 1);
                counters.updateOne(and(eq("_id", POSITION_ID), eq("v", version)), new Document("$set", fields));
            }
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another indexer stored its position first: ours wrote duplicates at worst
        }
    }

    /** The indexer's position and the counter, in one round trip. */
    private record State(Document position, long head) {
    }

    private State state() {
        List<Document> found = guarded(() -> counters.find(in("_id", List.of(globalCounterId, POSITION_ID)))
                .into(new ArrayList<Document>()));
        long head = 0;
        Document position = null;
        for (Document d : found) {
            if (POSITION_ID.equals(d.get("_id"))) {
                position = d;
            } else {
                head = ((Number) d.get("value")).longValue();
            }
        }
        return new State(position, head);
    }

    private static GapAwareTrackingToken tokenOf(Document position) {
        if (position == null) {
            return null;
        }
        List<Long> gaps = position.getList("gaps", Number.class).stream().map(Number::longValue).toList();
        return GapAwareTrackingToken.newInstance(((Number) position.get("i")).longValue(), gaps);
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> personsOf(Document commit) {
        Object pp = commit.get("pp");
        return pp instanceof List<?> list ? (List<List<String>>) list : null;
    }

    /** An entry: an event's global index and its commit's ({@code _id}: the commit's last global index). */
    private record Indexed(long g, long c) {
    }

    /**
     * Entries as stored: one flat array of longs, each entry's global index followed by its
     * commit's ({@code gc}: [g, c, g, c, …]) — an array of numbers is what the store copies
     * cheapest on every update of a growing document. Each update pushes whole pairs, so they
     * stay adjacent.
     */
    private static List<Long> stored(List<Indexed> entries) {
        List<Long> gc = new ArrayList<>(2 * entries.size());
        entries.forEach(e -> {
            gc.add(e.g());
            gc.add(e.c());
        });
        return gc;
    }

    /** A person's entries of one round that fall in one page. */
    private record PageEntries(String personId, long page, List<Indexed> entries) {
        String id() {
            return pageId(personId, page);
        }
    }

    /**
     * Writes a round's entries: each person's entries of a page into the page itself, in one
     * upsert by key, while the page holds no more than {@link #PAGE_HELD} entries with them
     * (counted in the page's {@code n}; this instance reads the counts it does not know yet in
     * one look-up); beyond that they spill to window buckets. The filters are the key alone (a
     * conditional upsert made a first version of this a hundred times slower on the embedded
     * store, see docs/benchmarks.md, session 16) and all updates are commutative
     * ({@code $push}, {@code $inc}, {@code $addToSet}), so concurrent or repeated rounds lose
     * nothing; an entry written twice is dropped when reading.
     */
    private void write(Map<String, List<Indexed>> entries) {
        List<PageEntries> groups = new ArrayList<>();
        entries.forEach((personId, personEntries) -> {
            Map<Long, List<Indexed>> byPage = new LinkedHashMap<>();
            personEntries.forEach(entry -> byPage.computeIfAbsent(
                    entry.g() >> (WINDOW_BITS + PAGE_BITS), p -> new ArrayList<>()).add(entry));
            byPage.forEach((page, pageEntries) -> groups.add(new PageEntries(personId, page, pageEntries)));
        });
        Map<String, Integer> counts = heldCounts(groups);
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        Map<String, Integer> held = new LinkedHashMap<>();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        for (PageEntries group : groups) {
            int count = held.getOrDefault(group.id(), counts.getOrDefault(group.id(), PAGE_HELD));
            int size = group.entries().size();
            if (count + size <= PAGE_HELD) {
                held.put(group.id(), count + size);
                updates.add(new UpdateOneModel<>(eq("_id", group.id()),
                        Updates.combine(Updates.pushEach("gc", stored(group.entries())), Updates.inc("n", size)), upsert));
            } else {
                updates.addAll(spill(group, windows));
            }
        }
        try {
            guarded(() -> persons.bulkWrite(updates, new BulkWriteOptions().ordered(false)));
        } catch (RuntimeException e) {
            held.keySet().forEach(heldCounts::remove);
            throw e;
        }
        heldCounts.putAll(held);
        windows.forEach(window -> listedWindows.put(window, Boolean.TRUE));
    }

    /** The entries the groups' pages hold: from memory, the rest read by key in one look-up. */
    private Map<String, Integer> heldCounts(List<PageEntries> groups) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (PageEntries group : groups) {
            if (group.entries().size() > PAGE_HELD || counts.containsKey(group.id())) {
                continue;
            }
            Integer known = heldCounts.get(group.id());
            if (known != null) {
                counts.put(group.id(), known);
            } else {
                counts.put(group.id(), 0);
                unknown.add(group.id());
            }
        }
        for (int from = 0; from < unknown.size(); from += TAIL_CHUNK) {
            List<String> chunk = unknown.subList(from, Math.min(unknown.size(), from + TAIL_CHUNK));
            guarded(() -> persons.find(in("_id", chunk)).projection(include("n")).into(new ArrayList<Document>()))
                    .forEach(page -> counts.put(page.getString("_id"),
                            page.get("n") instanceof Number n ? n.intValue() : 0));
        }
        return counts;
    }

    /**
     * The updates that store a page's entries in window buckets: the page's window list
     * ({@code $addToSet}, left out for windows this instance listed before) and the buckets'
     * entries ({@code $push}); {@code written} receives the bucket ids written.
     */
    private List<UpdateOneModel<Document>> spill(PageEntries group, List<String> written) {
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        Map<Long, List<Indexed>> byWindow = new LinkedHashMap<>();
        group.entries().forEach(entry -> byWindow.computeIfAbsent(entry.g() >> WINDOW_BITS,
                w -> new ArrayList<>()).add(entry));
        List<Long> unlisted = byWindow.keySet().stream()
                .filter(window -> !listedWindows.containsKey(bucketId(group.personId(), window))).toList();
        if (!unlisted.isEmpty()) {
            updates.add(new UpdateOneModel<>(eq("_id", group.id()), Updates.addEachToSet("w", unlisted), upsert));
        }
        byWindow.forEach((window, windowEntries) -> {
            written.add(bucketId(group.personId(), window));
            updates.add(new UpdateOneModel<>(
                    eq("_id", bucketId(group.personId(), window)), Updates.pushEach("gc", stored(windowEntries)), upsert));
        });
        return updates;
    }

    static String bucketId(String personId, long window) {
        return personId + "#" + window;
    }

    static String pageId(String personId, long page) {
        return personId + "~" + page;
    }

    /**
     * Reads a person's pages up to the counter's by key in one {@code $in} (one id per 524,288
     * global indexes), with the person id itself, which held the window list in the first layout
     * of this index: the entries the pages hold go into {@code commitOf}; returns the ids of the
     * window buckets they list.
     */
    private List<String> readPages(String personId, long head, Map<Long, Long> commitOf) {
        long currentPage = (head >> WINDOW_BITS) >> PAGE_BITS;
        List<String> ids = new ArrayList<>();
        ids.add(personId);
        for (long page = 0; page <= currentPage; page++) {
            ids.add(pageId(personId, page));
        }
        Set<Long> windows = new java.util.TreeSet<>();
        for (Document page : guarded(() -> persons.find(in("_id", ids)).into(new ArrayList<Document>()))) {
            listOf(page, "w").forEach(w -> windows.add(w.longValue()));
            addEntries(page, commitOf);
        }
        return windows.stream().map(window -> bucketId(personId, window)).toList();
    }

    /** A page's or bucket's entries: {@code gc} pairs, and {@code idx} documents as written before 2026-11-30. */
    private static void addEntries(Document doc, Map<Long, Long> commitOf) {
        List<Number> gc = doc.getList("gc", Number.class);
        for (int i = 0; gc != null && i + 1 < gc.size(); i += 2) {
            commitOf.put(gc.get(i).longValue(), gc.get(i + 1).longValue());
        }
        List<Document> idx = doc.getList("idx", Document.class);
        if (idx != null) {
            idx.forEach(e -> commitOf.put(((Number) e.get("g")).longValue(), ((Number) e.get("c")).longValue()));
        }
    }

    private static List<Number> listOf(Document doc, String field) {
        List<Number> list = doc.getList(field, Number.class);
        return list == null ? List.of() : list;
    }

    // ------------------------------------------------------------------ reading

    /** One event of a person: its global index, its commit and its position in the commit. */
    record Entry(long globalIndex, Document commit, int offset) {
    }

    /**
     * Every event that names {@code personId} in a commit acknowledged before this call, in
     * global order, each once. {@code withEvents} fetches whole commits; without it only what
     * locates the events.
     */
    List<Entry> entries(String personId, boolean withEvents, boolean mayIndex) {
        State state = state();
        Document position = state.position();
        long head = state.head();
        GapAwareTrackingToken indexed = tokenOf(position);
        long indexedUpTo = indexed == null ? 0 : indexed.getIndex();
        long tailSize = head - indexedUpTo + (indexed == null ? 0 : indexed.getGaps().size());
        if (mayIndex && tailSize > CATCH_UP_ABOVE) {
            catchUp();
            return entries(personId, withEvents, false);
        }

        Map<Long, Long> commitOf = new TreeMap<>();
        List<String> bucketIds = readPages(personId, head, commitOf);
        if (!bucketIds.isEmpty()) {
            guarded(() -> persons.find(in("_id", bucketIds)).into(new ArrayList<Document>()))
                    .forEach(bucket -> addEntries(bucket, commitOf));
        }

        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(commitOf.values()));
        Set<Long> tail = new java.util.HashSet<>();
        if (indexed != null) {
            tail.addAll(indexed.getGaps());
        }
        for (long i = indexedUpTo + 1; i <= head; i++) {
            tail.add(i);
        }
        ids.addAll(tail);
        Bson projection = withEvents ? null : include("first", "pp");
        Map<Long, Document> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += TAIL_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + TAIL_CHUNK));
            for (Document commit : guarded(() -> {
                var find = commits.find(in("_id", chunk));
                return (projection == null ? find : find.projection(projection)).into(new ArrayList<Document>());
            })) {
                long id = commit.getLong("_id");
                byId.put(id, commit);
                if (tail.contains(id)) {
                    List<List<String>> pp = personsOf(commit);
                    long first = commit.getLong("first");
                    for (int offset = 0; pp != null && offset < pp.size(); offset++) {
                        if (pp.get(offset).contains(personId)) {
                            commitOf.put(first + offset, id);
                        }
                    }
                }
            }
        }

        List<Entry> result = new ArrayList<>(commitOf.size());
        commitOf.forEach((globalIndex, commitId) -> {
            Document commit = byId.get(commitId);
            if (commit == null) {
                return; // an entry of the old synchronous index whose writer died before the commit
            }
            long offset = globalIndex - commit.getLong("first");
            if (offset >= 0 && globalIndex <= commitId) {
                result.add(new Entry(globalIndex, commit, (int) offset));
            }
        });
        result.sort(Comparator.comparingLong(Entry::globalIndex));
        return result;
    }

    /** The person ids of each event's metadata value (a collection or a single id). */
    static Set<String> personIds(Object value) {
        if (value == null) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> {
                if (v != null && !v.toString().isBlank()) {
                    ids.add(v.toString());
                }
            });
        } else if (!value.toString().isBlank()) {
            ids.add(value.toString());
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private <T> T guarded(Supplier<T> call) {
        return (T) guard.apply((Supplier<Object>) call);
    }
}
