package org.lianfang.platform.testapp;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.axonframework.eventhandling.EventMessage;

/** What tests may observe of and control in the test service. */
public final class WidgetProbe {

    private WidgetProbe() {
    }

    public static int created() {
        return WidgetController.CREATED.get();
    }

    public static void closeSlowGate() {
        WidgetController.slowGate = new CountDownLatch(1);
    }

    public static void openSlowGate() {
        WidgetController.slowGate.countDown();
    }

    public static List<EventMessage<?>> seenByTrackingProcessor() {
        return List.copyOf(WidgetHandlers.SEEN);
    }
}
