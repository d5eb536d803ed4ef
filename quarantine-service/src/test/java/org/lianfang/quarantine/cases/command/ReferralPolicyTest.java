package org.lianfang.quarantine.cases.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.quarantine.ReferralStatus;

/** When a fever is referred, and how a referral's status may move: tables. */
class ReferralPolicyTest {

    private static final Instant FIRST_FEVER = Instant.parse("2020-02-03T00:00:00Z");

    @ParameterizedTest(name = "{0}: earlier {1} at +{2}h, fever at +{3}h → refers {4}")
    @CsvSource({
            "first fever                        , NONE,     0,  0, true",
            "evening after a referred morning  , PENDING,  0, 10, false",
            "still delivering                   , RETRYING, 0, 23, false",
            "accepted yesterday                 , ACCEPTED, 0, 24, true",
            "sent and a day has passed          , SENT,     0, 30, true",
            "the earlier one was refused        , FAILED,   0,  2, true",
            "taken 8h before and entered later  , SENT,    10,  2, false",
            "taken 2 days before and entered later , SENT,    48,  2, true",
    })
    void aFeverIsReferredUnlessOneWasReferredWithinTheCooldown(String description, String earlier, int earlierAt,
                                                              int feverAt, boolean refers) {
        List<ReferralPolicy.Made> made = new ArrayList<>();
        if (!earlier.equals("NONE")) {
            made.add(new ReferralPolicy.Made(FIRST_FEVER.plus(Duration.ofHours(earlierAt)),
                    ReferralStatus.valueOf(earlier)));
        }

        assertThat(ReferralPolicy.DEFAULT.refers(FIRST_FEVER.plus(Duration.ofHours(feverAt)), made)).isEqualTo(refers);
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
            "PENDING,  RETRYING, true",
            "PENDING,  SENT,     true",
            "PENDING,  ACCEPTED, true",
            "PENDING,  FAILED,   true",
            "PENDING,  PENDING,  false",
            "RETRYING, RETRYING, false",
            "RETRYING, ACCEPTED, true",
            "RETRYING, FAILED,   true",
            "SENT,     ACCEPTED, true",
            "SENT,     RETRYING, false",
            "SENT,     SENT,     false",
            "ACCEPTED, SENT,     false",
            "ACCEPTED, FAILED,   false",
            "FAILED,   SENT,     false",
    })
    void aStatusOnlyMovesForward(ReferralStatus from, ReferralStatus to, boolean allowed) {
        assertThat(ReferralPolicy.DEFAULT.canMove(from, to)).isEqualTo(allowed);
    }
}
