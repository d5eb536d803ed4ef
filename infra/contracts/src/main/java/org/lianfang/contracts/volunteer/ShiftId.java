package org.lianfang.contracts.volunteer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one shift at a checkpoint. */
public record ShiftId(String value) {

    public ShiftId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an id must not be blank");
        }
    }

    /** A new random id. */
    public static ShiftId random() {
        return new ShiftId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static ShiftId of(String value) {
        return new ShiftId(value);
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
