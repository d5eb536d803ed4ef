package org.lianfang.quarantine;

import org.lianfang.testing.ServiceStartsTest;

/** The quarantine service starts on the platform against the embedded store (the checks: {@link ServiceStartsTest}). */
class QuarantineApplicationTest extends ServiceStartsTest {

    QuarantineApplicationTest() {
        super("quarantine");
    }
}
