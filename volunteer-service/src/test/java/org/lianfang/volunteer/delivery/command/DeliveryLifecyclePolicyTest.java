package org.lianfang.volunteer.delivery.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.volunteer.delivery.command.DeliveryLifecyclePolicy.Transition;

/** Every step from every stage: one step forward, cancel until the door, the same stage is a no-op. */
class DeliveryLifecyclePolicyTest {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
            "ORDERED, ACCEPTED, ALLOWED",
            "ACCEPTED, PICKED_UP, ALLOWED",
            "PICKED_UP, DISINFECTED, ALLOWED",
            "DISINFECTED, LEFT_AT_DOOR, ALLOWED",
            "LEFT_AT_DOOR, CONFIRMED, ALLOWED",
            "ORDERED, CANCELLED, ALLOWED",
            "ACCEPTED, CANCELLED, ALLOWED",
            "PICKED_UP, CANCELLED, ALLOWED",
            "DISINFECTED, CANCELLED, ALLOWED",
            "ACCEPTED, ACCEPTED, ALREADY_THERE",
            "CANCELLED, CANCELLED, ALREADY_THERE",
            "CONFIRMED, CONFIRMED, ALREADY_THERE",
            "ORDERED, PICKED_UP, ILLEGAL",
            "PICKED_UP, LEFT_AT_DOOR, ILLEGAL",
            "ORDERED, CONFIRMED, ILLEGAL",
            "DISINFECTED, CONFIRMED, ILLEGAL",
            "LEFT_AT_DOOR, CANCELLED, ILLEGAL",
            "CONFIRMED, CANCELLED, ILLEGAL",
            "CANCELLED, ACCEPTED, ILLEGAL",
            "CANCELLED, CONFIRMED, ILLEGAL",
            "PICKED_UP, ACCEPTED, ILLEGAL",
            "ACCEPTED, ORDERED, ILLEGAL"})
    void oneStepAtATime(DeliveryStage from, DeliveryStage to, Transition expected) {
        assertThat(DeliveryLifecyclePolicy.transition(from, to)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ORDERED, true", "ACCEPTED, true", "PICKED_UP, true", "DISINFECTED, true", "LEFT_AT_DOOR, false",
            "CONFIRMED, false", "CANCELLED, false"})
    void anOrderIsOpenWhileAVolunteerHasWorkOnIt(DeliveryStage stage, boolean open) {
        assertThat(DeliveryLifecyclePolicy.open(stage)).isEqualTo(open);
    }
}
