package org.lianfang.contracts.quarantine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one quarantine case (隔离案例); a person may have several over time, one active at once. */
public record QuarantineCaseId(String value) {

    public QuarantineCaseId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a quarantine case id must not be blank");
        }
    }

    /** A new random id. */
    public static QuarantineCaseId random() {
        return new QuarantineCaseId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static QuarantineCaseId of(String value) {
        return new QuarantineCaseId(value);
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
