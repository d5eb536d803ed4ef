package org.lianfang.platform.axon;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about a command or event whose handling takes long, and interrupts it when it takes far
 * too long: what Axon's handler timeouts do ({@code axon.timeout.*}, 10 s warning, 60 s for a unit
 * of work), without their cost. Axon 4.13.0 walks the whole stack ({@code Thread.getStackTrace})
 * every time a handler or unit of work starts (AxonFramework#4637, fixed in 4.13.2): ~14 % of a
 * crossing request's CPU in checkpoint-service, so the platform turns them off
 * ({@code axon.timeout.enabled=false}) and registers this instead.
 * <p>
 * Starting a message costs one map entry; a single daemon thread looks at the entries every
 * {@code checkEvery} and takes a stack only of a handler it warns about.
 */
public final class HandlerWatchdog implements MessageHandlerInterceptor<Message<?>>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerWatchdog.class);

    /** One message being handled: by whom, since when, and what was done about it already. */
    private static final class Watch {
        final Thread thread;
        final String message;
        final long startedNanos;
        long lastWarnedNanos;
        boolean interrupted;
        boolean done;

        Watch(Thread thread, String message, long startedNanos) {
            this.thread = thread;
            this.message = message;
            this.startedNanos = startedNanos;
        }
    }

    private final String name;
    private final long warnAfterNanos;
    private final long interruptAfterNanos;
    private final LongSupplier nanoClock;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService checker;

    /**
     * @param name           what is watched, in the log lines (e.g. "command bus")
     * @param warnAfter      a handling that takes longer is logged at WARN with its stack, again every
     *                       {@code warnAfter} while it lasts
     * @param interruptAfter a handling that takes longer has its thread interrupted (once), as
     *                       Axon's timeouts do; the unit of work then rolls back
     * @param checkEvery     how often the watchdog looks
     */
    public HandlerWatchdog(String name, Duration warnAfter, Duration interruptAfter, Duration checkEvery) {
        this(name, warnAfter, interruptAfter, checkEvery, System::nanoTime);
    }

    HandlerWatchdog(String name, Duration warnAfter, Duration interruptAfter, Duration checkEvery,
                    LongSupplier nanoClock) {
        if (warnAfter.isNegative() || warnAfter.isZero() || interruptAfter.compareTo(warnAfter) < 0) {
            throw new IllegalArgumentException("need 0 < warnAfter <= interruptAfter");
        }
        this.name = name;
        this.warnAfterNanos = warnAfter.toNanos();
        this.interruptAfterNanos = interruptAfter.toNanos();
        this.nanoClock = nanoClock;
        this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "handler-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, checkEvery.toMillis());
        checker.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Watch watch = new Watch(Thread.currentThread(), message.getPayloadType().getSimpleName() + " "
                + message.getIdentifier(), nanoClock.getAsLong());
        watches.add(watch);
        try {
            return chain.proceed();
        } finally {
            watches.remove(watch);
            synchronized (watch) {
                watch.done = true;
                if (watch.interrupted) {
                    // the interrupt was for this message only: the thread goes on to other work
                    Thread.interrupted();
                }
            }
        }
    }

    /** Messages being handled right now (for tests and diagnostics). */
    int watching() {
        return watches.size();
    }

    void check() {
        try {
            long now = nanoClock.getAsLong();
            for (Watch watch : watches) {
                long elapsed = now - watch.startedNanos;
                synchronized (watch) {
                    if (watch.done) {
                        continue;
                    }
                    if (elapsed >= interruptAfterNanos && !watch.interrupted) {
                        watch.interrupted = true;
                        LOG.error("{}: handling {} on {} has taken {} ms, more than {} ms: interrupting it\n{}", name,
                                watch.message, watch.thread.getName(), elapsed / 1_000_000,
                                interruptAfterNanos / 1_000_000, stackOf(watch.thread));
                        watch.thread.interrupt();
                    } else if (elapsed >= warnAfterNanos && !watch.interrupted
                            && (watch.lastWarnedNanos == 0 || now - watch.lastWarnedNanos >= warnAfterNanos)) {
                        watch.lastWarnedNanos = now;
                        LOG.warn("{}: handling {} on {} has taken {} ms so far (interrupted after {} ms)\n{}", name,
                                watch.message, watch.thread.getName(), elapsed / 1_000_000,
                                interruptAfterNanos / 1_000_000, stackOf(watch.thread));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: watchdog check failed", name, e);
        }
    }

    private static String stackOf(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).limit(40).map(frame -> "\tat " + frame)
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
