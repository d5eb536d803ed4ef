package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** The volunteer collected the goods from the partner shop or pharmacy. */
public record DeliveryPickedUp(DeliveryOrderId orderId, VolunteerId volunteerId, String recordedBy, Instant at) {
}
