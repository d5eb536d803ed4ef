package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** The household confirmed it received the goods; the order is done. */
public record DeliveryConfirmed(DeliveryOrderId orderId, String recordedBy, Instant at) {
}
