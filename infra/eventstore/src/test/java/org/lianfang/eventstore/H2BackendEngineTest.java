package org.lianfang.eventstore;

/** The engine contract on the embedded store's H2 file backend, the development default. */
class H2BackendEngineTest extends EngineContractTest {
    @Override
    TestStore.Kind kind() {
        return TestStore.Kind.H2;
    }
}
