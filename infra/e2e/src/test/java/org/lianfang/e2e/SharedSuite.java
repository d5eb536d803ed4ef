package org.lianfang.e2e;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole {@link Suite} shared by the end-to-end classes that ask for it (a {@code Suite} parameter of
 * their {@code @BeforeAll}): starting the suite is most of an end-to-end class's time, so each JVM starts it
 * once. Classes run one after another (failsafe's default) in the order {@code junit-platform.properties}
 * gives by their {@code @Order}; the one that moves the services' clocks forward ({@code WholeSuiteIT}'s
 * last test) runs after the classes that expect the clocks at the real time; {@code ErasureIT} follows it and
 * moves them further (its "now" is the suite's clock, which every service, Bean Validation included, judges by).
 * Each class makes its own data (its own names, ID-number serials, idempotency keys), so its assertions
 * hold whatever ran before. Crypto-shredding is on, as {@code ./lianfang up} runs the suite.
 */
final class SharedSuite implements ExtensionContext.Store.CloseableResource {

    /** The root store's key of the kind of suite running now: only one kind runs at a time (memory). */
    private static final String RUNNING = SharedSuite.class.getName() + ".running";

    final Suite suite;

    private SharedSuite() {
        LogCapture.install();
        suite = Suite.start(Map.of(
                "lianfang.privacy.master-key", "e2e-master-" + UUID.randomUUID(),
                "lianfang.privacy.key-cache-ttl", "1s"));
    }

    @Override
    public void close() {
        suite.close();
    }

    /**
     * The run's suite of {@code kind}, started on first use; a suite of another kind still running is closed
     * first (the class orderer keeps each kind's classes together, so each kind starts once).
     */
    static <T extends ExtensionContext.Store.CloseableResource> T only(ExtensionContext context, String kind,
                                                                      Class<T> type, Supplier<T> start) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        String running = store.get(RUNNING, String.class);
        if (running != null && !running.equals(kind)) {
            ExtensionContext.Store.CloseableResource previous =
                    store.remove(running, ExtensionContext.Store.CloseableResource.class);
            if (previous != null) {
                try {
                    previous.close();
                } catch (Throwable e) {
                    throw new IllegalStateException("could not close the suite " + running, e);
                }
            }
        }
        store.put(RUNNING, kind);
        return store.getOrComputeIfAbsent(kind, k -> start.get(), type);
    }

    /** Resolves a {@code Suite} parameter to the shared suite. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Suite.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return only(context, "shared", SharedSuite.class, SharedSuite::new).suite;
        }
    }
}
