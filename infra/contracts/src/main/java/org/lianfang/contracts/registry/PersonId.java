package org.lianfang.contracts.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a person across every service. It is a random UUID, never derived from the resident
 * ID number, so an id in a log or a URL reveals nothing about the person.
 */
public record PersonId(String value) {

    public PersonId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a person id must not be blank");
        }
    }

    /** A new random id. */
    public static PersonId random() {
        return new PersonId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static PersonId of(String value) {
        return new PersonId(value);
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
