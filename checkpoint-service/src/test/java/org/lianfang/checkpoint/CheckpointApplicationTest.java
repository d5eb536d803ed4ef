package org.lianfang.checkpoint;

import org.lianfang.testing.ServiceStartsTest;

/** The checkpoint service starts on the platform against the embedded store (the checks: {@link ServiceStartsTest}). */
class CheckpointApplicationTest extends ServiceStartsTest {

    CheckpointApplicationTest() {
        super("checkpoint");
    }
}
