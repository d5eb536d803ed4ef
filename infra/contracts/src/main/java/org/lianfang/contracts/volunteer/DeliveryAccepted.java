package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** A volunteer took the errand (跑腿). */
public record DeliveryAccepted(DeliveryOrderId orderId, VolunteerId volunteerId, String recordedBy, Instant at) {
}
