package org.lianfang.contracts.checkpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a checkpoint (卡点): a road junction or a compound gate. */
public record CheckpointId(String value) {

    public CheckpointId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an id must not be blank");
        }
    }

    /** A new random id. */
    public static CheckpointId random() {
        return new CheckpointId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static CheckpointId of(String value) {
        return new CheckpointId(value);
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
