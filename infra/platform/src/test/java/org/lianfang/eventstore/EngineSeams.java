package org.lianfang.eventstore;

/**
 * Reaches the engine's test seam from the platform's tests: a commit that has taken its global
 * indexes but is not written yet, i.e. the gap a slow commit leaves.
 */
public final class EngineSeams {

    private EngineSeams() {
    }

    public static void afterIndexAllocation(IndexedMongoEventStorageEngine engine, Runnable action) {
        engine.afterIndexAllocation = action;
    }
}
