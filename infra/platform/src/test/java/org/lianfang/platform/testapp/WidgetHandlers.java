package org.lianfang.platform.testapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** Records what it sees so tests can look at the metadata of delivered events. */
@Component
@ProcessingGroup("widget-view")
class WidgetHandlers {

    static final List<EventMessage<?>> SEEN = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(WidgetMessages.WidgetCreated event, EventMessage<?> message) {
        SEEN.add(message);
    }

    @EventHandler
    void on(WidgetMessages.WidgetAssigned event, EventMessage<?> message) {
        SEEN.add(message);
    }
}
