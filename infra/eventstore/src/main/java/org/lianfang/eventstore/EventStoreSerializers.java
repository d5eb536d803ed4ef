package org.lianfang.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The serializer every event store of the suite uses, so that what an auditor reads in the
 * database is plain JSON and nothing is lost on the way: instants as ISO-8601 strings with
 * their nanoseconds, decimals as exact numbers (never doubles), large longs as integers.
 */
public final class EventStoreSerializers {

    private EventStoreSerializers() {
    }

    /** A Jackson mapper configured for lossless, human-readable event payloads. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Axon's Jackson serializer on {@link #objectMapper()}, for events and metadata. */
    public static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }

    /**
     * For snapshots: aggregates keep their state in private fields without getters, so the
     * snapshot mapper reads and writes fields. Never use it for tracking tokens (their
     * timestamps break with field visibility).
     */
    public static JacksonSerializer snapshots() {
        ObjectMapper mapper = objectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }
}
