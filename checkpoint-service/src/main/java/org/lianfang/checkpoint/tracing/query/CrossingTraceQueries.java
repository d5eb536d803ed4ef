package org.lianfang.checkpoint.tracing.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

    /** A person's crossings in the order they happened, those {@code visible} to the caller, after {@code cursor}. */
    public TracePage ofPerson(String personId, Optional<TraceCursor> cursor, int limit,
                              Predicate<CrossingEntry> visible) {
        Document index = persons.find(Filters.eq("_id", personId)).first();
        if (index == null) {
            return new TracePage(List.of(), null);
        }
        LocalDate firstDay = cursor.map(c -> TracingKeys.day(c.occurredAt())).orElse(LocalDate.MIN);
        List<String> ordered = new TreeSet<>(index.getList("days", String.class)).stream()
                .filter(d -> !LocalDate.parse(d).isBefore(firstDay)).toList();
        List<CrossingEntry> page = new ArrayList<>();
        for (int i = 0; i < ordered.size() && page.size() <= limit; i += DAY_BATCH) {
            List<String> ids = ordered.subList(i, Math.min(ordered.size(), i + DAY_BATCH)).stream()
                    .map(d -> TracingKeys.personDay(personId, LocalDate.parse(d))).toList();
            List<CrossingEntry> batch = entries(personDays, ids);
            batch.removeIf(e -> !visible.test(e) || cursor.map(c -> !c.isBefore(e)).orElse(false));
            batch.sort(CrossingEntry.ORDER);
            page.addAll(batch);
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
