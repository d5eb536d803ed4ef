package org.lianfang.gateway.compose;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads a tracing answer blocks on, one pool per level, so no task ever waits for a task
 * queued behind it on the same pool. The answer itself runs on Reactor's shared pool and waits
 * for {@link #expansions} (contacts expanded at depth 2), which wait for {@link #lookups} (the
 * checkpoint's window around one crossing), which wait only for the network. With one shared pool
 * a wide depth-2 question queued look-ups on threads that were blocked waiting for them and never
 * answered.
 */
@Component
public class TracingWorkers implements DisposableBean {

    private static final int QUEUED = 100_000;
    private static final int IDLE_SECONDS = 60;

    final Scheduler expansions;
    final Scheduler lookups;

    public TracingWorkers() {
        this.expansions = Schedulers.newBoundedElastic(2 * Tracer.PARALLEL, QUEUED, "tracing-expansions", IDLE_SECONDS, true);
        this.lookups = Schedulers.newBoundedElastic(4 * Tracer.PARALLEL, QUEUED, "tracing-lookups", IDLE_SECONDS, true);
    }

    @Override
    public void destroy() {
        expansions.dispose();
        lookups.dispose();
    }
}
