package org.lianfang.checkpoint.tracing.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final MongoCollection<Document> minutes;
    private final MongoCollection<Document> days;
    private final MongoCollection<Document> personDays;
    private final MongoCollection<Document> persons;

    public CrossingTraceQueries(MongoDatabase serviceDatabase) {
        this.minutes = serviceDatabase.getCollection(CrossingTraces.MINUTES);
        this.days = serviceDatabase.getCollection(CrossingTraces.DAYS);
        this.personDays = serviceDatabase.getCollection(CrossingTraces.PERSON_DAYS);
        this.persons = serviceDatabase.getCollection(CrossingTraces.PERSONS);
    }

    /** Crossings at {@code checkpointId} that happened in {@code [from, to)}, after {@code cursor}. */
    public TracePage atCheckpoint(String checkpointId, Instant from, Instant to, Optional<TraceCursor> cursor,
                                  int limit) {
        Instant start = cursor.map(TraceCursor::occurredAt).filter(c -> c.isAfter(from)).orElse(from);
        List<String> dayKeys = new ArrayList<>();
        for (LocalDate day = TracingKeys.day(start); !day.isAfter(TracingKeys.day(to.minusNanos(1)));
             day = day.plusDays(1)) {
            dayKeys.add(TracingKeys.dayIndex(checkpointId, day));
        }
        TreeSet<String> wanted = new TreeSet<>();
        Instant firstMinute = TracingKeys.truncatedToMinute(start);
        if (!dayKeys.isEmpty()) {
            days.find(Filters.in("_id", dayKeys)).forEach(doc -> doc.getList("minutes", String.class).forEach(m -> {
                Instant minuteStart = TracingKeys.minuteStart(m);
                if (!minuteStart.isBefore(firstMinute) && minuteStart.isBefore(to)) {
                    wanted.add(m);
                }
            }));
        }
        List<String> ordered = new ArrayList<>(wanted);
        List<CrossingEntry> page = new ArrayList<>();
        for (int i = 0; i < ordered.size() && page.size() <= limit; i += MINUTE_BATCH) {
            List<String> ids = ordered.subList(i, Math.min(ordered.size(), i + MINUTE_BATCH)).stream()
                    .map(m -> TracingKeys.minuteBucket(checkpointId, m)).toList();
            List<CrossingEntry> batch = entries(minutes, ids);
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

    private static List<CrossingEntry> entries(MongoCollection<Document> buckets, List<String> ids) {
        List<CrossingEntry> entries = new ArrayList<>();
        buckets.find(Filters.in("_id", ids)).forEach(doc -> {
            Document items = doc.get("items", Document.class);
            if (items != null) {
                items.values().forEach(item -> entries.add(CrossingEntry.fromDocument((Document) item)));
            }
        });
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
