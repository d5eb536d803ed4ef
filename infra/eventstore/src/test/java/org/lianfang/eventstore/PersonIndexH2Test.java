package org.lianfang.eventstore;

/** The per-person index on the embedded store's H2 file backend, the development default. */
class PersonIndexH2Test extends PersonIndexTest {
    @Override
    TestStore.Kind kind() {
        return TestStore.Kind.H2;
    }
}
