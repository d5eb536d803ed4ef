package org.lianfang.platform.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.lianfang.platform.LianfangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Shares each tracking processor's segments fairly between the live instances of a service.
 *
 * <p>Axon's tracking processors (without Axon Server) claim greedily: the instance that starts
 * first takes every segment it has a worker for, and one that starts later stays idle. Each
 * instance therefore announces itself in {@code processor_instances} (a handful of documents,
 * one per live instance) and, while it holds more than {@code ceil(segments / live instances)}
 * segments of a processor, releases the surplus for a few claim intervals, so that an idle
 * instance claims them. Nothing else moves claims: when an instance dies its claims expire
 * ({@code lianfang.processing.claim-timeout}), its announcement goes stale, and the others claim
 * its segments with their idle workers.
 *
 * <p>An announcement is a heartbeat counter ({@code beat}, incremented in the store), not a
 * timestamp: an instance is live while its counter moved within the claim timeout <em>as measured
 * by the observer's own clock</em>, so clocks that disagree between hosts cannot make a live
 * instance look dead (or a dead one live). When an instance holds fewer workers than its fair share
 * ({@code threads < ceil(segments / live)}, e.g. after another instance is lost), segments stay
 * unclaimed: that is logged as a warning.
 */
public class SegmentBalancer implements SmartLifecycle {

    static final String COLLECTION = "processor_instances";
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final MongoCollection<Document> instances;
    private final LianfangProperties.Processing settings;
    private final String instanceId;
    private final Map<String, Integer> lastHeld = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastShort = new ConcurrentHashMap<>();
    private final Map<String, Beat> beats = new HashMap<>();
    private volatile int live = 1;
    private volatile Clock clock = Clock.systemUTC();
    private volatile ScheduledExecutorService executor;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore, MongoDatabase database,
                           LianfangProperties.Processing settings) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.instances = database.getCollection(COLLECTION);
        this.settings = settings;
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's name in {@code processor_instances}. */
    public String instanceId() {
        return instanceId;
    }

    /** Announces this instance and releases the segments above its fair share; returns how many it released. */
    public synchronized int balance() {
        Instant now = clock.instant();
        instances.updateOne(Filters.eq("_id", instanceId), Updates.inc("beat", 1L), new UpdateOptions().upsert(true));
        int live = countLive(now);
        this.live = live;
        int released = 0;
        long releaseFor = 3 * settings.tokenClaimIntervalMs();
        for (TrackingEventProcessor processor : trackingProcessors()) {
            int segments = tokenStore.fetchSegments(processor.getName()).length;
            if (segments < 2) {
                continue;
            }
            int fairShare = (segments + live - 1) / live;
            warnIfShort(processor, segments, live, fairShare);
            List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
            Integer before = lastHeld.put(processor.getName(), held.size());
            if (before == null || before != held.size()) {
                log.info("processor {} holds segments {} of {} ({} live instances)", processor.getName(), held, segments, live);
            }
            for (int i = fairShare; i < held.size(); i++) {
                processor.releaseSegment(held.get(i), releaseFor, TimeUnit.MILLISECONDS);
                released++;
            }
        }
        return released;
    }

    /** Instances whose heartbeat moved within the claim timeout, by this instance's clock; at least 1. */
    private int countLive(Instant now) {
        int count = 0;
        Set<String> present = new HashSet<>();
        for (Document instance : instances.find()) {
            String id = String.valueOf(instance.get("_id"));
            present.add(id);
            if (id.equals(instanceId)) {
                count++;
                continue;
            }
            long beat = instance.get("beat") instanceof Number n ? n.longValue() : -1;
            Beat before = beats.get(id);
            if (before == null || before.count() != beat) {
                beats.put(id, new Beat(beat, now));
                count++;
            } else if (!before.movedAt().plus(settings.claimTimeout()).isBefore(now)) {
                count++;
            }
        }
        beats.keySet().retainAll(present);
        return Math.max(count, 1);
    }

    private void warnIfShort(TrackingEventProcessor processor, int segments, int live, int fairShare) {
        int threads = processor.maxCapacity();
        Integer before = threads < fairShare ? lastShort.put(processor.getName(), live) : lastShort.remove(processor.getName());
        if (threads < fairShare && (before == null || before != live)) {
            log.warn("processor {} has {} segments over {} live instances but {} threads here: up to {} segments stay "
                            + "unprocessed; set lianfang.processing.threads to at least {} (or segments/(instances-1) to survive losing one)",
                    processor.getName(), segments, live, threads, segments - threads * live, fairShare);
        }
    }

    /** Live instances counted at the last {@link #balance()}. */
    int liveInstances() {
        return live;
    }

    private record Beat(long count, Instant movedAt) {
    }

    private List<TrackingEventProcessor> trackingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast)
                .toList();
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, settings.balanceInterval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                balance();
            } catch (RuntimeException e) {
                log.warn("segment balancing failed; trying again in {} ms", every, e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            instances.deleteOne(Filters.eq("_id", instanceId));
        } catch (RuntimeException e) {
            log.debug("could not withdraw {} from {}", instanceId, COLLECTION, e);
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Starts after, and stops before, everything of a lower phase. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
