package org.lianfang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the strict request reader's time parsing: every ISO-8601 timestamp and date reads
 * back as itself; every number, digit string or array is refused, naming the field.
 */
class StrictTimeProperties {

    record Probe(Instant at, LocalDate on) {
    }

    private static final ObjectMapper STRICT = StrictJsonRequests.strict(
            JsonMapper.builder().addModule(new JavaTimeModule()).build());

    @Property
    void anIsoTimestampReadsBackAsItself(@ForAll("instants") Instant instant) throws Exception {
        Probe probe = STRICT.readValue("{\"at\":\"" + instant + "\"}", Probe.class);

        assertThat(probe.at()).isEqualTo(instant);
    }

    @Property
    void anIsoDateReadsBackAsItself(@ForAll("dates") LocalDate date) throws Exception {
        assertThat(STRICT.readValue("{\"on\":\"" + date + "\"}", Probe.class).on()).isEqualTo(date);
    }

    @Property
    void aNumberIsNeverATimestamp(@ForAll long seconds) {
        assertRefused("{\"at\":" + seconds + "}", "at");
        assertRefused("{\"at\":\"" + seconds + "\"}", "at");
        assertRefused("{\"on\":" + seconds + "}", "on");
    }

    @Property
    void aFractionalNumberIsNeverATimestamp(@ForAll double seconds) {
        if (Double.isFinite(seconds)) {
            assertRefused("{\"at\":" + seconds + "}", "at");
        }
    }

    @Property
    void anArrayIsNeverADate(@ForAll("dates") LocalDate date) {
        assertRefused("{\"on\":[" + date.getYear() + "," + date.getMonthValue() + "," + date.getDayOfMonth() + "]}", "on");
    }

    private static void assertRefused(String json, String field) {
        RejectedValueException refused = catchThrowableOfType(RejectedValueException.class,
                () -> STRICT.readValue(json, Probe.class));
        assertThat(refused).as(json).isNotNull();
        assertThat(refused.getPath()).hasSize(1);
        assertThat(refused.getPath().get(0).getFieldName()).isEqualTo(field);
        assertThat(refused.reason()).startsWith("must be an ISO-8601");
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("1900-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2100-01-01T00:00:00Z").toEpochMilli())
                .map(Instant::ofEpochMilli).map(i -> i.truncatedTo(ChronoUnit.MILLIS));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2100, 1, 1).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }
}
