package org.lianfang.platform.testapp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Fails on widgets named "poison": their events must end up in the dead-letter queue. */
@Component
@ProcessingGroup("fragile")
class FailingHandler {

    @EventHandler
    void on(WidgetMessages.WidgetCreated event) {
        if ("poison".equals(event.name())) {
            throw new IllegalStateException("cannot handle poison");
        }
    }
}
