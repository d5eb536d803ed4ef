package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** The order was cancelled before it reached the door, with a reason. */
public record DeliveryCancelled(DeliveryOrderId orderId, String reason, String recordedBy, Instant at) {
}
