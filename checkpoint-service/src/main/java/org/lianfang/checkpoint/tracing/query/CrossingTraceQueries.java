package org.lianfang.checkpoint.tracing.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * "Who crossed checkpoint C between t1 and t2" and "every crossing of person P", answered from the
 * bucket documents of {@link CrossingTraces} by {@code _id} look-ups in {@code $in} batches — never
 * a range query or a sort in the store.
 */
@Component
public class CrossingTraceQueries {

    private static final int MINUTE_BATCH = 60;
    private static final int DAY_BATCH = 7;
    /** Ids per {@code $in} of a batched read. */
    private static final int IN_BATCH = 500;

    private final PagedBuckets minutes;
    private final MongoCollection<Document> hours;
    private final MongoCollection<Document> personDays;
    private final MongoCollection<Document> persons;

    public CrossingTraceQueries(MongoDatabase serviceDatabase) {
        this.minutes = new PagedBuckets(serviceDatabase.getCollection(CrossingTraces.MINUTES), "items",
                CrossingTraces.MINUTE_PAGE);
        this.hours = serviceDatabase.getCollection(CrossingTraces.HOURS);
        this.personDays = serviceDatabase.getCollection(CrossingTraces.PERSON_DAYS);
        this.persons = serviceDatabase.getCollection(CrossingTraces.PERSONS);
    }

    /** Crossings at {@code checkpointId} that happened in {@code [from, to)}, after {@code cursor}. */
    public TracePage atCheckpoint(String checkpointId, Instant from, Instant to, Optional<TraceCursor> cursor,
                                  int limit) {
        Instant start = cursor.map(TraceCursor::occurredAt).filter(c -> c.isAfter(from)).orElse(from);
        Instant firstMinute = TracingKeys.truncatedToMinute(start);
        TreeSet<String> wanted = new TreeSet<>();
        if (!firstMinute.isBefore(to)) {
            return new TracePage(List.of(), null);
        }
        nonEmptyMinutes(TracingKeys.hourIndexes(checkpointId, start, to.minusNanos(1))).getOrDefault(checkpointId, new TreeSet<>())
                .subSet(firstMinute, true, to, false).forEach(m -> wanted.add(TracingKeys.minute(m)));
        List<String> ordered = new ArrayList<>(wanted);
        List<CrossingEntry> page = new ArrayList<>();
        for (int i = 0; i < ordered.size() && page.size() <= limit; i += MINUTE_BATCH) {
            List<String> ids = ordered.subList(i, Math.min(ordered.size(), i + MINUTE_BATCH)).stream()
                    .map(m -> TracingKeys.minuteBucket(checkpointId, m)).toList();
            List<CrossingEntry> batch = minuteEntries(ids);
            batch.removeIf(e -> e.occurredAt().isBefore(from) || !e.occurredAt().isBefore(to)
                    || cursor.map(c -> !c.isBefore(e)).orElse(false));
            batch.sort(CrossingEntry.ORDER);
            page.addAll(batch);
        }
        return page(page, limit);
    }

    /**
     * A person's crossings in the order they happened, those {@code visible} to the caller, after
     * {@code cursor}; with {@code idNumberHash}, also those recorded by ID number before the
     * registry knew the person.
     */
    public TracePage ofPerson(String personId, Optional<String> idNumberHash, Instant from, Instant to,
                              Optional<TraceCursor> cursor, int limit, Predicate<CrossingEntry> visible) {
        List<String> keys = new ArrayList<>(List.of(personId));
        idNumberHash.map(CrossingTraces::idNumberKey).ifPresent(keys::add);
        TreeSet<String> allDays = new TreeSet<>();
        persons.find(Filters.in("_id", keys)).forEach(index -> allDays.addAll(index.getList("days", String.class)));
        LocalDate firstDay = cursor.map(c -> TracingKeys.day(c.occurredAt())).orElse(LocalDate.MIN);
        if (from != null && TracingKeys.day(from).isAfter(firstDay)) {
            firstDay = TracingKeys.day(from);
        }
        LocalDate lastDay = to == null ? LocalDate.MAX : TracingKeys.day(to);
        LocalDate first = firstDay;
        List<String> ordered = allDays.stream()
                .filter(d -> !LocalDate.parse(d).isBefore(first) && !LocalDate.parse(d).isAfter(lastDay)).toList();
        List<CrossingEntry> page = new ArrayList<>();
        for (int i = 0; i < ordered.size() && page.size() <= limit; i += DAY_BATCH) {
            List<String> ids = new ArrayList<>();
            for (String day : ordered.subList(i, Math.min(ordered.size(), i + DAY_BATCH))) {
                keys.forEach(key -> ids.add(TracingKeys.personDay(key, LocalDate.parse(day))));
            }
            Map<String, CrossingEntry> batch = new LinkedHashMap<>();
            entries(personDays, ids).forEach(e -> batch.putIfAbsent(e.crossingId(), e));
            List<CrossingEntry> sorted = new ArrayList<>(batch.values());
            sorted.removeIf(e -> !visible.test(e) || cursor.map(c -> !c.isBefore(e)).orElse(false)
                    || from != null && e.occurredAt().isBefore(from) || to != null && !e.occurredAt().isBefore(to));
            sorted.sort(CrossingEntry.ORDER);
            page.addAll(sorted);
        }
        return page(page, limit);
    }

    /** A person's crossing and everyone who crossed the same checkpoint within the window of it. */
    public record Window(CrossingEntry crossing, List<CrossingEntry> nearby, boolean nearbyTruncated) {
    }

    /** A person's crossings in the period, each with its window; {@code truncated} if there were more. */
    public record PersonWindows(String personId, List<Window> windows, boolean truncated) {
    }

    /**
     * For each of {@code people} (person id → keyed ID-number hash, if known), their crossings in
     * {@code [from, to)} that the caller may see ({@code visible}, at most {@code maxCrossings} each),
     * and for each one everyone who crossed the same checkpoint within {@code ±window} of it (at most
     * {@code maxNearby}), at checkpoints the caller may read ({@code readable}; the others' windows
     * are left empty). Contact tracing asks this once per level of the graph instead of once per
     * person and per crossing: every read is one {@code $in} over all of them — the people's index
     * documents, their day buckets, the checkpoints' day indexes, the minute buckets.
     */
    public List<PersonWindows> windows(Map<String, Optional<String>> people, Instant from, Instant to,
                                       java.time.Duration window, Predicate<CrossingEntry> visible,
                                       Predicate<String> readable, int maxCrossings, int maxNearby) {
        Map<String, List<String>> keysOf = new LinkedHashMap<>();
        people.forEach((personId, idHash) -> {
            List<String> keys = new ArrayList<>(List.of(personId));
            idHash.map(CrossingTraces::idNumberKey).ifPresent(keys::add);
            keysOf.put(personId, keys);
        });
        List<String> allKeys = keysOf.values().stream().flatMap(List::stream).distinct().toList();
        Map<String, List<String>> daysOf = new HashMap<>();
        inBatches(persons, allKeys, doc -> daysOf.put(doc.getString("_id"), doc.getList("days", String.class)));
        LocalDate firstDay = TracingKeys.day(from);
        LocalDate lastDay = TracingKeys.day(to.minusNanos(1));
        List<String> dayBuckets = new ArrayList<>();
        daysOf.forEach((key, days) -> days.stream().map(LocalDate::parse)
                .filter(d -> !d.isBefore(firstDay) && !d.isAfter(lastDay))
                .forEach(d -> dayBuckets.add(TracingKeys.personDay(key, d))));
        Map<String, Map<String, CrossingEntry>> byKey = new HashMap<>();
        inBatches(personDays, dayBuckets, doc -> {
            String id = doc.getString("_id");
            Map<String, CrossingEntry> found = byKey.computeIfAbsent(id.substring(0, id.lastIndexOf('|')),
                    k -> new HashMap<>());
            items(doc).forEach(e -> found.put(e.crossingId(), e));
        });

        // the people's own crossings, then the minutes around them at the checkpoints the caller may read
        Map<String, List<CrossingEntry>> own = new LinkedHashMap<>();
        Set<String> truncated = new java.util.HashSet<>();
        Set<String> hourIndexes = new TreeSet<>();
        Map<String, Boolean> readableCheckpoints = new HashMap<>();
        keysOf.forEach((personId, keys) -> {
            Map<String, CrossingEntry> merged = new LinkedHashMap<>();
            keys.forEach(key -> byKey.getOrDefault(key, Map.of()).values().forEach(e -> merged.putIfAbsent(e.crossingId(), e)));
            List<CrossingEntry> sorted = new ArrayList<>(merged.values());
            sorted.removeIf(e -> !visible.test(e) || e.occurredAt().isBefore(from) || !e.occurredAt().isBefore(to));
            sorted.sort(CrossingEntry.ORDER);
            if (sorted.size() > maxCrossings) {
                sorted = new ArrayList<>(sorted.subList(0, maxCrossings));
                truncated.add(personId);
            }
            own.put(personId, sorted);
            for (CrossingEntry e : sorted) {
                if (readableCheckpoints.computeIfAbsent(e.checkpointId(), readable::test)) {
                    hourIndexes.addAll(TracingKeys.hourIndexes(e.checkpointId(), e.occurredAt().minus(window),
                            e.occurredAt().plus(window)));
                }
            }
        });
        Map<String, TreeSet<Instant>> minutesOf = nonEmptyMinutes(hourIndexes); // checkpoint → non-empty minutes
        Set<String> minuteBuckets = new TreeSet<>();
        own.values().forEach(list -> list.forEach(e -> minutesOf.getOrDefault(e.checkpointId(), new TreeSet<>())
                .subSet(TracingKeys.truncatedToMinute(e.occurredAt().minus(window)), true, e.occurredAt().plus(window), true)
                .forEach(m -> minuteBuckets.add(TracingKeys.minuteBucket(e.checkpointId(), TracingKeys.minute(m))))));
        Map<String, java.util.TreeMap<Instant, List<CrossingEntry>>> atCheckpoint = new HashMap<>();
        minuteEntries(List.copyOf(minuteBuckets)).forEach(e -> atCheckpoint
                .computeIfAbsent(e.checkpointId(), k -> new java.util.TreeMap<>())
                .computeIfAbsent(e.occurredAt(), k -> new ArrayList<>()).add(e));

        List<PersonWindows> answer = new ArrayList<>();
        own.forEach((personId, crossings) -> {
            List<Window> windows = new ArrayList<>();
            for (CrossingEntry e : crossings) {
                List<CrossingEntry> nearby = new ArrayList<>();
                atCheckpoint.getOrDefault(e.checkpointId(), new java.util.TreeMap<>())
                        .subMap(e.occurredAt().minus(window), true, e.occurredAt().plus(window), true)
                        .values().forEach(nearby::addAll);
                nearby.sort(CrossingEntry.ORDER);
                boolean cut = nearby.size() > maxNearby;
                windows.add(new Window(e, cut ? List.copyOf(nearby.subList(0, maxNearby)) : nearby, cut));
            }
            answer.add(new PersonWindows(personId, windows, truncated.contains(personId)));
        });
        return answer;
    }

    /** The minutes that have crossings, per checkpoint, in the given hour indexes ({@code $in} batches). */
    private Map<String, TreeSet<Instant>> nonEmptyMinutes(java.util.Collection<String> hourIndexes) {
        Map<String, TreeSet<Instant>> minutesOf = new HashMap<>();
        inBatches(hours, List.copyOf(hourIndexes), doc -> {
            String id = doc.getString("_id");
            TreeSet<Instant> minutes = minutesOf.computeIfAbsent(id.substring(0, id.lastIndexOf('|')), k -> new TreeSet<>());
            doc.getList("minutes", String.class).forEach(m -> minutes.add(TracingKeys.minuteStart(m)));
        });
        return minutesOf;
    }

    /** Documents by {@code _id} in {@code $in} batches. */
    private static void inBatches(MongoCollection<Document> collection, List<String> ids,
                                  java.util.function.Consumer<Document> each) {
        for (int i = 0; i < ids.size(); i += IN_BATCH) {
            collection.find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + IN_BATCH)))).forEach(each::accept);
        }
    }

    private static List<CrossingEntry> items(Document bucket) {
        Document items = bucket.get("items", Document.class);
        List<CrossingEntry> entries = new ArrayList<>();
        if (items != null) {
            items.values().forEach(item -> entries.add(CrossingEntry.fromDocument((Document) item)));
        }
        return entries;
    }

    /** The crossings in these minute buckets, every page read, each crossing once. */
    private List<CrossingEntry> minuteEntries(List<String> ids) {
        List<CrossingEntry> entries = new ArrayList<>();
        minutes.read(ids).values().forEach(bucket -> bucket.values()
                .forEach(item -> entries.add(CrossingEntry.fromDocument((Document) item))));
        return entries;
    }

    private static List<CrossingEntry> entries(MongoCollection<Document> buckets, List<String> ids) {
        List<CrossingEntry> entries = new ArrayList<>();
        buckets.find(Filters.in("_id", ids)).forEach(doc -> entries.addAll(items(doc)));
        return entries;
    }

    private static TracePage page(List<CrossingEntry> sortedBatches, int limit) {
        if (sortedBatches.size() <= limit) {
            return new TracePage(List.copyOf(sortedBatches), null);
        }
        List<CrossingEntry> items = List.copyOf(sortedBatches.subList(0, limit));
        return new TracePage(items, TraceCursor.after(items.get(limit - 1)).toString());
    }
}
