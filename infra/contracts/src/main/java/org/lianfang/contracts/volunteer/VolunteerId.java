package org.lianfang.contracts.volunteer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a volunteer (志愿者); not a registry person id. */
public record VolunteerId(String value) {

    public VolunteerId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an id must not be blank");
        }
    }

    /** A new random id. */
    public static VolunteerId random() {
        return new VolunteerId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static VolunteerId of(String value) {
        return new VolunteerId(value);
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
