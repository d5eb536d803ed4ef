package org.lianfang.platform.testapp;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A projection of the widgets named {@code flaky…} that fails, as a real one does, while its
 * store is unreachable ({@link #UNREACHABLE}); records what it applied, in order.
 */
@Component
@ProcessingGroup("flaky")
public class FlakyHandler {

    public static final AtomicBoolean UNREACHABLE = new AtomicBoolean();
    public static final List<String> APPLIED = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(WidgetMessages.WidgetCreated event) {
        if (event.name().startsWith("flaky")) {
            apply("created " + event.widgetId());
        }
    }

    @EventHandler
    void on(WidgetMessages.WidgetAssigned event) {
        if (event.personId().startsWith("flaky")) {
            apply("assigned " + event.personId());
        }
    }

    private void apply(String what) {
        if (UNREACHABLE.get()) {
            throw new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());
        }
        APPLIED.add(what);
    }
}
