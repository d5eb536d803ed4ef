package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** The volunteer disinfected the goods before taking them to the door. */
public record DeliveryGoodsDisinfected(DeliveryOrderId orderId, VolunteerId volunteerId, String recordedBy,
        Instant at) {
}
