package org.lianfang.contracts.volunteer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one contact-free delivery order (点单). */
public record DeliveryOrderId(String value) {

    public DeliveryOrderId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an id must not be blank");
        }
    }

    /** A new random id. */
    public static DeliveryOrderId random() {
        return new DeliveryOrderId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static DeliveryOrderId of(String value) {
        return new DeliveryOrderId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The bare value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}
