package org.lianfang.platform.axon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gives dead letters another go, every {@code lianfang.processing.dead-letter-retry-interval}.
 *
 * <p>Every processing group has a dead-letter queue, and Axon puts an event there whenever its
 * handler throws — also when the store was only unreachable for a moment (a restart, a socket
 * reset): the processor then moves on, and every later event of the same aggregate queues up
 * behind the letter. Nothing in Axon retries them, so without this a read model would miss those
 * events for good (until rebuilt). Each round processes each queued sequence at most once, in
 * order; a letter that fails again stays queued (Axon's policy) and is tried in the next round.
 * Several instances may retry at once: the queue claims a sequence before processing it. Letters are
 * logged by group and count only: axon-mongo's own INFO line carries the whole event, personal data
 * included, so the platform turns that logger down to WARN ({@code PlatformDefaults}).
 */
public class DeadLetterRetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);

    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public DeadLetterRetry(EventProcessingConfiguration processing, Duration interval) {
        this.processing = processing;
        this.interval = interval;
    }

    /** One round over every processing group; returns how many sequences were processed successfully. */
    public int retryAll() {
        int processed = 0;
        for (String group : processing.eventProcessors().keySet()) {
            try {
                processed += retry(group);
            } catch (RuntimeException e) {
                // the store may still be unreachable: the letters stay, the next round tries again
                log.warn("Could not retry the dead letters of processing group {}: {}", group, e.toString());
            }
        }
        return processed;
    }

    private int retry(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElse(null);
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(group).orElse(null);
        if (queue == null || processor == null) {
            return 0;
        }
        long sequences = queue.amountOfSequences();
        int processed = 0;
        for (long i = 0; i < sequences; i++) {
            if (processor.processAny()) {
                processed++;
            }
        }
        if (sequences > processed) {
            log.warn("Processing group {} holds dead letters: {} of {} sequences could not be processed yet", group,
                    sequences - processed, sequences);
        } else if (sequences > 0) {
            log.info("Retried the dead letters of processing group {}: {} sequences processed", group, processed);
        }
        return processed;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-retry");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::retryAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** After Axon's processors have started (they start in an earlier phase) and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
