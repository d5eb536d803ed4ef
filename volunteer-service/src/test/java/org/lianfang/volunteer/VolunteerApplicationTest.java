package org.lianfang.volunteer;

import org.lianfang.testing.ServiceStartsTest;

/** The volunteer service starts on the platform against the embedded store (the checks: {@link ServiceStartsTest}). */
class VolunteerApplicationTest extends ServiceStartsTest {

    VolunteerApplicationTest() {
        super("volunteer");
    }
}
