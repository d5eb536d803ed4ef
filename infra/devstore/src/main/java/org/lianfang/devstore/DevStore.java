package org.lianfang.devstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/**
 * The embedded development store: mongo-java-server on 127.0.0.1, reachable with a plain
 * {@code mongodb://} URI, so a service cannot tell it from a real MongoDB by how it connects.
 *
 * <p>Run stand-alone ({@link #main}) it keeps its data in an H2 file under {@code var/data} and
 * commits every write before acknowledging it (see {@link DurableH2Backend}). Tests of other
 * modules start it in-process with {@link #memory()} or {@link #h2(Path, int)}.
 */
public final class DevStore implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String LOGGING_CONFIG = "org/lianfang/devstore/devstore-logback.xml";

    /**
     * Netty event loops that run the commands. A command runs on its connection's loop and a write
     * waits there until its group commit is on file (and for the lock of its collection), so with
     * Netty's default of two loops per core every connection that shares a loop with a waiting
     * write waited too, and a group commit could only ever cover as many writes as there were
     * loops. Measured with the crossings benchmark: service writes queued behind each other's commits
     * at 4 loops. An idle loop costs a parked thread.
     */
    static final int WORKER_THREADS = 64;

    private final MongoServer server;
    private final MongoBackend backend;
    private final String description;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevStore(MongoServer server, MongoBackend backend, String description) {
        this.server = server;
        this.backend = backend;
        this.description = description;
        this.port = server.getLocalAddress().getPort();
    }

    /** A store that keeps nothing on disk, on a free port; the fastest choice for tests. */
    public static DevStore memory() {
        return start(new DevStoreSettings(true, Path.of(DevStoreSettings.DEFAULT_DIR), 0, false, false));
    }

    /**
     * A durable store in {@code dir} (created if missing); {@code port} 0 picks a free port.
     * Reopening the same directory finds the data again.
     */
    public static DevStore h2(Path dir, int port) {
        return start(new DevStoreSettings(false, dir, port, false, false));
    }

    static DevStore start(DevStoreSettings settings) {
        return start(settings, WORKER_THREADS);
    }

    /** With {@code loops} event loops (tests compare against Netty's default). */
    static DevStore start(DevStoreSettings settings, int loops) {
        MongoBackend backend = settings.memory() ? new CompatibleMemoryBackend() : openFile(settings);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress(HOST, settings.port()), 1, loops);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + HOST + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        return new DevStore(server, backend, settings.describe());
    }

    private static MongoBackend openFile(DevStoreSettings settings) {
        try {
            Files.createDirectories(settings.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store directory " + settings.dir(), e);
        }
        MVStore store = new MVStore.Builder().fileName(settings.file().toString()).cacheSize(cacheMegabytes(
                Runtime.getRuntime().maxMemory())).autoCompactFillRate(AUTO_COMPACT_FILL_RATE).open();
        return new DurableH2Backend(store, settings.fsync());
    }

    /**
     * MVStore rewrites old chunks in the background until live data fill this share of the file.
     * Every update of a document leaves its old page behind. Its default, 90 %, keeps the file
     * small (105 MB after five minutes of the crossings benchmark) at a price: under a sustained
     * write load the rewriting pauses commits (p99 of a raw insert offered at 20/s right after the
     * benchmark's throughput runs: ~130–190 ms). Session 10 set 50 % and the pauses went away, but
     * MVStore compacts a busy store only below a third of that rate, so the file grew without bound
     * (3.2 GB after the same five minutes, 800 MB after 90 s of 400 small writes a second): a
     * store that fills the disk of a checkpoint's laptop is worse than a slow 99th percentile
     * ({@code StoreFileGrowthTest} fails at 50 %).
     */
    static final int AUTO_COMPACT_FILL_RATE = 90;

    /**
     * MVStore's page cache: a quarter of the heap, 16 MB (its default) to 1 GB. Under the crossings
     * benchmark a fifth of the store's CPU was pages read back from the file and decoded; most of
     * those reads turned out to be the background compaction (see {@link #AUTO_COMPACT_FILL_RATE})
     * and collection scans (see {@code IdLookup}), so the cache's own share was not measured apart.
     */
    static int cacheMegabytes(long maxHeapBytes) {
        long quarter = maxHeapBytes / 4 / (1024 * 1024);
        return (int) Math.max(16, Math.min(1024, quarter));
    }

    /** The connection string, e.g. {@code mongodb://127.0.0.1:27017}. */
    public String uri() {
        return "mongodb://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    String description() {
        return description;
    }

    MongoBackend backend() {
        return backend;
    }

    /** Disconnects the clients and closes the store file, writing whatever is left. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdownNow();
        }
    }

    /** Runs the store until the process is stopped; see {@link DevStoreSettings#USAGE}. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING_CONFIG);
        }
        Logger log = LoggerFactory.getLogger(DevStore.class);

        DevStoreSettings settings;
        try {
            settings = DevStoreSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("devstore: " + e.getMessage());
            System.err.println(DevStoreSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings.help()) {
            System.out.println(DevStoreSettings.USAGE);
            return;
        }

        DevStore store;
        try {
            store = start(settings);
        } catch (RuntimeException e) {
            log.error("devstore failed to start ({}): {}", settings.describe(), rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("devstore stopping");
            store.close();
            log.info("devstore stopped");
        }, "devstore-shutdown"));
        log.info("devstore ready on {} ({})", store.uri(), store.description());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
