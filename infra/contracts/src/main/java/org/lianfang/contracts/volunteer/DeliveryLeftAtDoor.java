package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** The goods were left at the door after a knock (敲门不见面); {@code contactFree} says no one met. */
public record DeliveryLeftAtDoor(DeliveryOrderId orderId, VolunteerId volunteerId, boolean contactFree,
        String recordedBy, Instant at) {
}
