package org.lianfang.platform.testapp;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** An in-process mongo-java-server on a random port, one per test class. */
public final class EmbeddedMongo {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri;

    public EmbeddedMongo() {
        InetSocketAddress address = server.bind();
        uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    public String uri() {
        return uri;
    }

    public void shutdown() {
        server.shutdownNow();
    }
}
