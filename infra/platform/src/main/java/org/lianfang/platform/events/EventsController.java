package org.lianfang.platform.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.chain.ChainController;
import org.lianfang.platform.chain.ChainStore;
import org.lianfang.platform.chain.ChainVerifier;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What every service exposes for the gateway's composed views (not routed to clients directly):
 * the events that name a person, by key look-up; and its whole event stream from a cursor. Both
 * show only events of communities the caller covers.
 */
@RestController
@RequestMapping("/api/v1/internal")
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
public class EventsController {

    static final int MAX_LIMIT = 1000;

    private final IndexedMongoEventStorageEngine engine;
    private final EventEntries entries;
    private final Duration settle;
    private final ChainVerifier verifier;
    private final boolean storedAsRead;

    /**
     * @param settle how long the stream waits at a gap in the global index before it takes the gap
     *               as abandoned ({@link IndexedMongoEventStorageEngine#readSettledEvents}); longer
     *               than the index lease lifetime plus a slow insert, and any clock skew between
     *               instances
     */
    public EventsController(IndexedMongoEventStorageEngine engine, EventEntries entries, Duration settle) {
        this(engine, entries, settle, null, false);
    }

    /**
     * @param verifier checks the hash chain at a person's events when asked ({@code verify=true});
     *                 null where the service keeps no chain (the answer then carries no {@code chain})
     * @param storedAsRead {@code engine} has no upcasters, so the events it reads carry their stored
     *                     text and the chain check need not read them again
     */
    public EventsController(IndexedMongoEventStorageEngine engine, EventEntries entries, Duration settle,
                            ChainVerifier verifier, boolean storedAsRead) {
        this.engine = engine;
        this.entries = entries;
        this.settle = settle;
        this.verifier = verifier;
        this.storedAsRead = storedAsRead;
    }

    /**
     * The events that name {@code personId}, in the order they were stored. {@code asOf}: only
     * what was recorded by then; {@code occurredBefore}: only what happened before then.
     * {@code verify=true} adds {@code chain}: the hash chain checked at exactly the events answered,
     * as {@code /chain/verify?globalIndexes=} would answer — in the same request, so the trail needs
     * no second round of calls. With {@code anchorIndex} (an externally anchored head) it also adds
     * {@code anchorEntry}: what the chain records at that index, as {@code /chain/entries} would
     * answer it (null if nothing at or below the head).
     */
    @GetMapping("/persons/{personId}/events")
    public ObjectNode personEvents(@PathVariable String personId,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant occurredBefore,
                                   @RequestParam(defaultValue = "false") boolean verify,
                                   @RequestParam(required = false) Long anchorIndex) {
        if (personId.length() > 128) {
            throw InvalidRequestException.of("personId", "must be at most 128 characters");
        }
        if (anchorIndex != null && anchorIndex < 1) {
            throw InvalidRequestException.of("anchorIndex", "must be at least 1");
        }
        Caller caller = Caller.current().orElseThrow();
        CompletableFuture<Optional<ChainStore.Entry>> anchored = verify && verifier != null && anchorIndex != null
                ? verifier.recorded(anchorIndex) : null;
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        List<Long> indexes = new ArrayList<>();
        Map<Long, TrackedEventMessage<?>> read = new HashMap<>();
        for (TrackedEventMessage<?> event : engine.readPersonEvents(personId)) {
            long index = index(event.trackingToken());
            ObjectNode entry = entries.entry(event, index);
            if (!visible(caller, entry)) {
                continue;
            }
            if (asOf != null && Instant.parse(entry.path("recordedAt").asText()).isAfter(asOf)) {
                continue;
            }
            if (occurredBefore != null && !Instant.parse(entry.path("occurredAt").asText()).isBefore(occurredBefore)) {
                continue;
            }
            events.add(entry);
            indexes.add(index);
            if (verify && storedAsRead) {
                read.put(index, event);
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("service", entries.service());
        body.put("personId", personId);
        body.set("events", events);
        if (verify && verifier != null) {
            body.set("chain", ChainController.json(entries.service(), verifier.verifyEvents(indexes, read)));
        }
        if (anchored != null) {
            Optional<ChainStore.Entry> entry = ChainVerifier.result(anchored);
            if (entry.isPresent()) {
                ChainController.put(body.putObject("anchorEntry"), entry.get());
            } else {
                body.putNull("anchorEntry");
            }
        }
        return body;
    }

    /**
     * Up to {@code limit} events after {@code after} (empty: from the very start), each with the
     * cursor that resumes right after it, and {@code next}: where to continue. The order is the
     * global index order, the same for every reader: the page ends before a commit that follows a
     * gap younger than {@code settle}, so a commit still in flight below it is delivered first.
     */
    @GetMapping("/events")
    public ObjectNode stream(@RequestParam(required = false) String after,
                             @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        GapAwareTrackingToken from = StreamCursor.decode(after, "after");
        Caller caller = Caller.current().orElseThrow();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        TrackingToken last = from;
        int scanned = 0;
        AtomicBoolean held = new AtomicBoolean();
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readSettledEvents(from, settle, () -> held.set(true))) {
            Iterator<? extends TrackedEventMessage<?>> it = stream.iterator();
            // Events of other communities are skipped but still advance the cursor; bound the work.
            while (it.hasNext() && events.size() < limit && scanned < MAX_LIMIT * 10) {
                TrackedEventMessage<?> event = it.next();
                scanned++;
                last = event.trackingToken();
                ObjectNode entry = entries.entry(event, index(last));
                if (visible(caller, entry)) {
                    entry.put("cursor", StreamCursor.encode(last));
                    events.add(entry);
                }
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("service", entries.service());
        body.set("events", events);
        body.put("next", last == null ? "" : StreamCursor.encode(last));
        if (held.get() && events.size() < limit) {
            body.put("held", true);
        }
        return body;
    }

    private static boolean visible(Caller caller, ObjectNode entry) {
        String community = entry.path("communityId").isNull() ? null : entry.path("communityId").asText();
        return community == null || caller.covers(community);
    }

    private static long index(TrackingToken token) {
        return token == null ? -1 : ((GapAwareTrackingToken) WrappedToken.unwrapLowerBound(token)).getIndex();
    }
}
