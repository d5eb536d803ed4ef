package org.lianfang.volunteer.delivery.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quarantined households and supply requests are always contact-free; others may ask for a handover. */
class ContactFreePolicyTest {

    @ParameterizedTest(name = "asked {0}, quarantined {1}, supply request {2} → contact-free {3}, refused {4}")
    @CsvSource(nullValues = "null", value = {
            "null, false, false, true, false, contact-free by default (敲门不见面)",
            "true, false, false, true, false, contact-free by default (敲门不见面)",
            "false, false, false, false, false, null",
            "null, true, false, true, false, household in quarantine",
            "true, true, false, true, false, household in quarantine",
            "false, true, false, true, true, household in quarantine",
            "null, false, true, true, false, supply request of a person in quarantine",
            "false, false, true, true, true, supply request of a person in quarantine",
            "null, true, true, true, false, supply request of a person in quarantine"})
    void decides(Boolean asked, boolean quarantined, boolean supplyRequest, boolean contactFree, boolean refused,
                 String why) {
        ContactFreePolicy.Decision decision = ContactFreePolicy.decide(asked, quarantined, supplyRequest);

        assertThat(decision.contactFree()).isEqualTo(contactFree);
        assertThat(decision.refused()).isEqualTo(refused);
        assertThat(decision.why()).isEqualTo(why);
    }
}
