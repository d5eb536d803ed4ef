package org.lianfang.checkpoint.tracing.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.devstore.DevStore;

/**
 * A gate's busy minute and hour in pages: every crossing read once and in order, however many
 * pages, replays and redeliveries there were; no page grows past its size plus one batch.
 */
class PagedBucketsTest {

    private static final String GATE = "checkpoint-gate-1";
    private static final Instant MINUTE = Instant.parse("2026-11-30T04:13:00Z");

    private final DevStore store = DevStore.memory();
    private final MongoClient mongo = MongoClients.create(store.uri());
    private final MongoDatabase db = mongo.getDatabase("lianfang_checkpoint_pages_test");
    private final CrossingTraceQueries queries = new CrossingTraceQueries(db);
    private final CheckpointBoard board = new CheckpointBoard(db);

    @AfterEach
    void close() {
        mongo.close();
        store.close();
    }

    private static CrossingDetails crossing(int i) {
        // all in one minute; a few ms apart so the order is known
        Instant at = MINUTE.plusMillis(i * 10L);
        return new CrossingDetails(String.format("crossing-%05d", i), CheckpointId.of(GATE), "community-1", null,
                "tablet-1", i, CrossingSubject.PERSON, "person-" + (i % 7), null, null, null, List.of(), null,
                i % 3 == 0 ? Direction.OUT : Direction.IN, new BigDecimal("36.5"), null, "operator", at, at);
    }

    /** Files crossings [from, to) as one processor batch (one unit of work). */
    private static void fileBatch(CrossingTraces traces, int from, int to, boolean replaying) {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        for (int i = from; i < to; i++) {
            CrossingDetails d = crossing(i);
            traces.file(d, CrossingEntry.of(d, i % 11 != 0, i % 11 == 0 ? "fever-at-gate" : null, List.of()), replaying);
        }
        uow.commit();
    }

    private List<String> allAtTheGate() {
        List<String> ids = new ArrayList<>();
        Optional<TraceCursor> cursor = Optional.empty();
        do {
            TracePage page = queries.atCheckpoint(GATE, MINUTE, MINUTE.plusSeconds(60), cursor, 100);
            page.items().forEach(e -> ids.add(e.crossingId()));
            cursor = page.nextCursor() == null ? Optional.empty() : TraceCursor.parse(page.nextCursor());
        } while (cursor.isPresent());
        return ids;
    }

    private static List<String> expected(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("crossing-%05d", i));
        }
        return ids;
    }

    private List<Document> pages(String collection) {
        return db.getCollection(collection).find().into(new ArrayList<>());
    }

    private static int entries(Document page, String field) {
        Document entries = page.get(field, Document.class);
        return entries == null ? 0 : entries.size();
    }

    @Test
    void aBusyMinuteFillsPagesAndIsReadWholeAndInOrder() {
        CrossingTraces traces = new CrossingTraces(db, 40, 60);
        for (int from = 0; from < 250; from += 25) {
            fileBatch(traces, from, from + 25, false);
        }

        assertThat(allAtTheGate()).containsExactlyElementsOf(expected(250));
        List<Document> minutePages = pages(CrossingTraces.MINUTES);
        assertThat(minutePages).hasSizeGreaterThan(4);
        // a page takes a batch while it has room: never more than its size plus one batch
        assertThat(minutePages).allSatisfy(p -> assertThat(entries(p, "items")).isLessThan(40 + 25));
        Document first = db.getCollection(CrossingTraces.MINUTES).find(Filters.eq("_id", GATE + "|2026-11-30T04:13"))
                .first();
        assertThat(first.getInteger("pages")).isEqualTo(minutePages.size() - 1);
        assertThat(minutePages.stream().mapToInt(p -> entries(p, "items")).sum()).isEqualTo(250);

        CheckpointBoard.Row day = board.day(GATE, LocalDate.parse("2026-11-30"));
        int denied = (int) expected(250).stream().filter(id -> Integer.parseInt(id.substring(9)) % 11 == 0).count();
        assertThat(day.denied()).isEqualTo(denied);
        assertThat(day.in() + day.out() + day.denied()).isEqualTo(250);
        assertThat(pages(CrossingTraces.BOARD_HOURS)).hasSizeGreaterThan(3)
                .allSatisfy(p -> assertThat(entries(p, "c")).isLessThan(60 + 25));
    }

    @Test
    void aReplayFilesNothingTwiceAndARedeliveryIsStillReadOnce() {
        CrossingTraces traces = new CrossingTraces(db, 40, 60);
        for (int from = 0; from < 200; from += 50) {
            fileBatch(traces, from, from + 50, false);
        }
        long minutePages = db.getCollection(CrossingTraces.MINUTES).countDocuments();
        long boardPages = db.getCollection(CrossingTraces.BOARD_HOURS).countDocuments();

        // a replay from the first event, by a fresh instance (no page remembered)
        CrossingTraces replaying = new CrossingTraces(db, 40, 60);
        for (int from = 0; from < 200; from += 50) {
            fileBatch(replaying, from, from + 50, true);
        }
        assertThat(db.getCollection(CrossingTraces.MINUTES).countDocuments()).isEqualTo(minutePages);
        assertThat(db.getCollection(CrossingTraces.BOARD_HOURS).countDocuments()).isEqualTo(boardPages);
        assertThat(pages(CrossingTraces.MINUTES).stream().mapToInt(p -> entries(p, "items")).sum()).isEqualTo(200);

        // a batch delivered again after a crash (not a replay): it may be filed twice, it is read once
        fileBatch(traces, 0, 50, false);
        assertThat(allAtTheGate()).containsExactlyElementsOf(expected(200));
        CheckpointBoard.Row day = board.day(GATE, LocalDate.parse("2026-11-30"));
        assertThat(day.in() + day.out() + day.denied()).isEqualTo(200);
    }

    @Test
    void twoInstancesFilingTheSameMinuteLoseNothing() throws Exception {
        CrossingTraces a = new CrossingTraces(db, 30, 30);
        CrossingTraces b = new CrossingTraces(db, 30, 30);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            done.add(pool.submit(() -> {
                for (int from = 0; from < 300; from += 20) {
                    fileBatch(a, from, from + 10, false);
                }
            }));
            done.add(pool.submit(() -> {
                for (int from = 10; from < 300; from += 20) {
                    fileBatch(b, from, from + 10, false);
                }
            }));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> read = allAtTheGate();
        assertThat(read).containsExactlyElementsOf(expected(300));
        Set<String> stored = new HashSet<>();
        pages(CrossingTraces.MINUTES).forEach(p -> stored.addAll(p.get("items", Document.class).keySet()));
        assertThat(stored).hasSize(300);
        assertThat(pages(CrossingTraces.MINUTES)).allSatisfy(p -> assertThat(entries(p, "items")).isLessThan(30 + 10 + 10));
    }
}
