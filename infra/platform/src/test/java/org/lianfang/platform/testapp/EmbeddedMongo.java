package org.lianfang.platform.testapp;

import org.lianfang.devstore.DevStore;

/**
 * An in-process store on a random port: the devstore's memory backend, i.e. mongo-java-server
 * with the same fixes (atomic findAndModify, {@code hello}) the suite runs on.
 */
public final class EmbeddedMongo {

    private final DevStore store = DevStore.memory();

    public String uri() {
        return store.uri();
    }

    public void shutdown() {
        store.close();
    }
}
