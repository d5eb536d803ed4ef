package org.lianfang.contracts.crossservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryProgressed;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.VolunteerId;

/** The events one service publishes for another survive JSON and name the right people. */
class CrossServiceEventsJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aBreachAttemptRoundTripsAndNamesThePerson() throws Exception {
        QuarantineBreachAttempted event = new QuarantineBreachAttempted("x-1", CheckpointId.of("north-gate"), "p-1",
                "case-1", "QUARANTINED_MAY_NOT_LEAVE", "2020-02-01", "op-7",
                Instant.parse("2020-02-03T07:59:59.123456789Z"), Instant.parse("2020-02-03T08:30:00Z"));

        String json = mapper.writeValueAsString(event);

        assertThat(json).contains("\"checkpointId\":\"north-gate\"").doesNotContain("personIds");
        assertThat(mapper.readValue(json, QuarantineBreachAttempted.class)).isEqualTo(event);
        assertThat(event.personIds()).containsExactly("p-1");
    }

    @Test
    void anUnknownArrivalNamesNobodyUntilTheRegistryKnowsThem() throws Exception {
        UnregisteredArrivalDetected event = new UnregisteredArrivalDetected("x-2", CheckpointId.of("north-gate"),
                "anguo", null, "41132419800101123X", "张三", null, Origin.WUHAN, "武汉", LocalDate.of(2020, 1, 24),
                "unknown to the registry", "op-7", Instant.parse("2020-01-24T09:00:00Z"),
                Instant.parse("2020-01-24T09:00:01Z"));

        assertThat(mapper.readValue(mapper.writeValueAsString(event), UnregisteredArrivalDetected.class))
                .isEqualTo(event);
        assertThat(event.personIds()).isEmpty();
    }

    @Test
    void supplyRequestsAndDeliveriesRoundTrip() throws Exception {
        SupplyRequested request = new SupplyRequested("r-1", QuarantineCaseId.of("case-1"), "p-1", "anguo", "c-3",
                "h-9", "3号楼 2单元 502", List.of("大米 5kg", "布洛芬"), null, "op-1", Instant.parse("2020-02-01T02:00:00Z"));
        DeliveryProgressed progress = new DeliveryProgressed(DeliveryOrderId.of("o-1"), "r-1", "h-9", List.of("p-1"),
                DeliveryStage.LEFT_AT_DOOR, true, VolunteerId.of("v-1"), null, Instant.parse("2020-02-01T05:00:00Z"));

        assertThat(mapper.readValue(mapper.writeValueAsString(request), SupplyRequested.class)).isEqualTo(request);
        assertThat(mapper.readValue(mapper.writeValueAsString(progress), DeliveryProgressed.class)).isEqualTo(progress);
        assertThat(progress.personIds()).containsExactly("p-1");
    }
}
