package org.lianfang.eventstore;

/** The engine contract on the embedded store's memory backend. */
class MemoryBackendEngineTest extends EngineContractTest {
    @Override
    TestStore.Kind kind() {
        return TestStore.Kind.MEMORY;
    }
}
