package org.lianfang.contracts.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lianfang.contracts.checkpoint.CheckpointId;

/** volunteer-service's events survive JSON unchanged; ids travel as bare strings. */
class VolunteerEventsJsonTest {

    private static final Instant AT = Instant.parse("2020-02-01T02:00:00.123456789Z");
    private static final VolunteerId V = VolunteerId.of("v-1");
    private static final DeliveryOrderId O = DeliveryOrderId.of("o-1");

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Object> events() {
        return Stream.of(
                new VolunteerEnrolled(V, "anguo", "李四", "13800001234", VolunteerKind.VETERAN, List.of("driving"),
                        "请战书：若有战，召必回", "op-1", AT),
                new TeamFormed("team-1", "anguo", "党员突击队一队", TeamKind.SHOCK_TEAM, V, "op-1", AT),
                new VolunteerJoinedTeam("team-1", V, "op-1", AT),
                new VolunteerLeftTeam("team-1", V, "op-1", AT),
                new ShiftScheduled(ShiftId.of("s-1"), CheckpointId.of("north-gate"), "anguo", null, AT,
                        AT.plusSeconds(3600), 2, "op-1", AT),
                new VolunteerAssignedToShift(V, ShiftId.of("s-1"), CheckpointId.of("north-gate"), AT,
                        AT.plusSeconds(3600), "op-1", AT),
                new VolunteerUnassignedFromShift(V, ShiftId.of("s-1"), "ill", "op-1", AT),
                new DeliveryOrdered(O, "anguo", "c-3", "h-9", "3号楼 502", List.of("p-1"), List.of("大米 5kg"), "惠民超市",
                        PartnerKind.SHOP, null, "r-1", true, "household in quarantine", "op-1", AT),
                new DeliveryAccepted(O, V, "op-1", AT),
                new DeliveryPickedUp(O, V, "op-1", AT),
                new DeliveryGoodsDisinfected(O, V, "op-1", AT),
                new DeliveryLeftAtDoor(O, V, true, "op-1", AT),
                new DeliveryConfirmed(O, "op-1", AT),
                new DeliveryCancelled(O, "shop closed", "op-1", AT),
                new DisinfectionRecorded("round-1", "anguo", "c-3", "3", List.of(DisinfectionArea.LIFTS,
                        DisinfectionArea.HANDLES), List.of(V), AT, "op-1", AT));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTrips(Object event) throws Exception {
        String json = mapper.writeValueAsString(event);

        assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
        assertThat(json).doesNotContain("\"value\"");
    }
}
