package org.lianfang.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.DeliveryLeftAtDoor;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DeliveryProgressed;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.DisinfectionArea;
import org.lianfang.contracts.volunteer.DisinfectionRecorded;
import org.lianfang.contracts.volunteer.PartnerKind;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.ShiftScheduled;
import org.lianfang.contracts.volunteer.TeamFormed;
import org.lianfang.contracts.volunteer.TeamKind;
import org.lianfang.contracts.volunteer.VolunteerAssignedToShift;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerKind;
import org.lianfang.eventstore.EventStoreSerializers;

/** The service's events survive the event store's serializer exactly, nanoseconds and Chinese text included. */
class VolunteerMessagesSerializationTest {

    private static final Serializer SERIALIZER = EventStoreSerializers.jackson();
    private static final Instant AT = Instant.parse("2020-02-01T02:00:00.123456789Z");
    private static final VolunteerId V = VolunteerId.of("v-1");

    static List<Object> events() {
        return List.of(
                new VolunteerEnrolled(V, "anguo", "老兵张", "13800001234", VolunteerKind.VETERAN, List.of("驾驶"),
                        "请战书：若有战，召必回", "op", AT),
                new TeamFormed("team-1", "anguo", "雷锋连", TeamKind.LEI_FENG_COMPANY, V, "op", AT),
                new ShiftScheduled(ShiftId.of("s-1"), CheckpointId.of("gate"), "anguo", null, AT, AT.plusSeconds(60), 2,
                        "op", AT),
                new VolunteerAssignedToShift(V, ShiftId.of("s-1"), CheckpointId.of("gate"), AT, AT.plusSeconds(60),
                        "op", AT),
                new ShiftCheckedIn(ShiftId.of("s-1"), CheckpointId.of("gate"), V, "老兵张", AT, "op"),
                new DeliveryOrdered(DeliveryOrderId.of("o-1"), "anguo", "c", "h", "3号楼", List.of("p-1"),
                        List.of("布洛芬"), "仁和药房", PartnerKind.PHARMACY, null, "r-1", true, "why", "op", AT),
                new DeliveryLeftAtDoor(DeliveryOrderId.of("o-1"), V, true, "op", AT),
                new DeliveryProgressed(DeliveryOrderId.of("o-1"), "r-1", "h", List.of("p-1"), DeliveryStage.LEFT_AT_DOOR,
                        true, V, null, AT),
                new DisinfectionRecorded("round-1", "anguo", "c", "3", List.of(DisinfectionArea.DOORS), List.of(V), AT,
                        "op", AT));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsExactly(Object event) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(event, byte[].class);

        assertThat((Object) SERIALIZER.deserialize(serialized)).isEqualTo(event);
    }
}
