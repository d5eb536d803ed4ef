package org.lianfang.contracts.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint's own events survive JSON exactly and name the people they concern. */
class CheckpointMessagesJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static CrossingDetails vehicle() {
        return new CrossingDetails("c-1", CheckpointId.of("north-gate"), "anguo", null, "tablet-3", 17,
                CrossingSubject.VEHICLE, null, null, null, "豫R12345", List.of("p-1", "p-2", "p-1"), 3,
                Direction.OUT, new BigDecimal("36.60"), null, "op-7",
                Instant.parse("2020-02-03T07:59:59.123456789Z"), Instant.parse("2020-02-03T08:30:00Z"));
    }

    @Test
    void aDeniedCrossingRoundTripsWithItsRuleVersionAndNamesEveryOccupantOnce() throws Exception {
        CrossingDenied event = new CrossingDenied(vehicle(), "red-may-not-go-out", "p-2 is red", "gate-v1",
                List.of("FEVER"));

        String json = mapper.writeValueAsString(event);

        assertThat(json).contains("\"temperatureCelsius\":36.60").doesNotContain("personIds");
        assertThat(mapper.readValue(json, CrossingDenied.class)).isEqualTo(event);
        assertThat(event.personIds()).containsExactly("p-1", "p-2");
    }

    @Test
    void passesRoundTripAndAPassNeedsAHolderAndALimit() throws Exception {
        PassIssued issued = new PassIssued("pass-1", "anguo", "compound-1", "h-1", null,
                Instant.parse("2020-02-01T00:00:00Z"), Instant.parse("2020-02-15T00:00:00Z"), new PassLimit(1, 2),
                null, "op-1", Instant.parse("2020-02-01T01:00:00Z"));

        assertThat(mapper.readValue(mapper.writeValueAsString(issued), PassIssued.class)).isEqualTo(issued);
        assertThat(issued.personIds()).isEmpty();
        assertThatThrownBy(() -> new PassLimit(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssuePassCommand("pass-2", "anguo", "compound-1", "h-1", "p-1",
                Instant.EPOCH, Instant.EPOCH, new PassLimit(1, 1), null, "op", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
