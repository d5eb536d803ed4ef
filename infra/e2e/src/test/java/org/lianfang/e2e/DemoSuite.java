package org.lianfang.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.lianfang.seeds.SeedLoader;

/**
 * One {@link Suite} with {@link DemoSlice} loaded through its gateway by the demo loader itself,
 * shared by the test classes that ask for it (a parameter of their {@code @BeforeAll}) and closed
 * when the test run ends. The classes that use it only add to the community, never undo.
 */
final class DemoSuite implements ExtensionContext.Store.CloseableResource {

    final Suite suite;
    final DemoSlice slice;
    final SeedLoader.Outcome loaded;
    /** When the slice was loaded: a reload with the loader's clock here sees the same day and shift windows. */
    final Instant loadedAt;

    private DemoSuite() throws Exception {
        LogCapture.install();
        slice = DemoSlice.of(root().resolve("seeds/data"));
        suite = Suite.start();
        try {
            loadedAt = Instant.now();
            loaded = loader(SeedLoader.Settings.defaults(4)).load(slice.lines, progress -> { });
        } catch (Exception | AssertionError e) {
            suite.close();
            throw e;
        }
    }

    /** The demo loader against this suite's gateway with the demo clients' keys. */
    SeedLoader loader(SeedLoader.Settings settings) {
        return new SeedLoader(URI.create(suite.gateway.url()), new HashMap<>(suite.keys), settings);
    }

    static Path root() {
        return Path.of(System.getProperty("lianfang.root", "../.."));
    }

    @Override
    public void close() {
        suite.close();
    }

    /** Resolves a {@code DemoSuite} parameter, starting it on first use in the run. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DemoSuite.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return SharedSuite.only(context, "demo", DemoSuite.class, () -> {
                try {
                    return new DemoSuite();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("the demo suite did not start", e);
                }
            });
        }
    }
}
