package org.lianfang.platform.testapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** Reads the events of the "upstream" service, as configured in application.yml. */
@Component
@ProcessingGroup("upstream-watch")
public class UpstreamWatcher {

    /** An event another service publishes. */
    public record UpstreamHappened(String what) {
    }

    public static final List<EventMessage<?>> SEEN = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(UpstreamHappened event, EventMessage<?> message) {
        SEEN.add(message);
    }
}
