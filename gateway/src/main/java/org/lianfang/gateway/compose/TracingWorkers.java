package org.lianfang.gateway.compose;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads a tracing answer blocks on, one pool per kind of task, so no task ever waits for a
 * task queued behind it on the same pool. The answer itself runs on Reactor's shared pool and waits
 * for {@link #expansions} (the registry and volunteer look-ups of each contact at depth 2) and for
 * {@link #lookups} (checkpoint-service's crossing windows of a level, in chunks of people); both wait
 * only for the network. With one shared pool a wide depth-2 question once queued look-ups on threads
 * that were blocked waiting for them and never answered.
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
