package org.lianfang.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lianfang.contracts.quarantine.FeverDetected;
import org.lianfang.contracts.quarantine.FeverReferralAccepted;
import org.lianfang.contracts.quarantine.FeverReferralFailed;
import org.lianfang.contracts.quarantine.FeverReferralRequested;
import org.lianfang.contracts.quarantine.FeverReferralRetrying;
import org.lianfang.contracts.quarantine.FeverReferralSent;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.SymptomReported;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.eventstore.EventStoreSerializers;

/** Quarantine events survive the event store's serializer exactly: a 37.30 °C reading stays 37.30. */
class QuarantineMessagesSerializationTest {

    private static final Serializer SERIALIZER = EventStoreSerializers.jackson();
    private static final QuarantineCaseId CASE = QuarantineCaseId.of("case-1");
    private static final Instant AT = Instant.parse("2020-01-25T02:00:00.123456789Z");

    static List<Object> events() {
        return List.of(
                new QuarantineStarted(CASE, "p-1", QuarantineKind.HOME, LocalDate.parse("2020-01-24"), AT, "r", "op", AT),
                new TemperatureRecorded(CASE, "p-1", new BigDecimal("37.30"), MeasurementMethod.ORAL, "m", AT, AT),
                new FeverDetected(CASE, "p-1", new BigDecimal("38.1"), new BigDecimal("37.3"), AT),
                new SymptomReported(CASE, "p-1", List.of("cough", "乏力"), null, "m", AT, AT),
                new QuarantineStarted(CASE, "p-1", QuarantineKind.HOME, LocalDate.parse("2020-01-24"), AT, "r", "op", AT,
                        "anguo-road", "c-3"),
                new QuarantineExtended(CASE, "p-1", 7, "r", "op", AT, AT),
                new FeverReferralRequested("case-1-r1", CASE, "p-1", "anguo-road", null, new BigDecimal("38.20"), AT, AT),
                new FeverReferralRetrying("case-1-r1", CASE, "p-1", "HTTP 503", 1, AT),
                new FeverReferralSent("case-1-r1", CASE, "p-1", "FC-1", 2, AT),
                new FeverReferralAccepted("case-1-r1", CASE, "p-1", "FC-1", AT),
                new FeverReferralFailed("case-1-r1", CASE, "p-1", "HTTP 422: no", 1, AT));
    }

    @org.junit.jupiter.api.Test
    void aCaseStartedBeforeCommunitiesWereRecordedStillReadsWithoutOne() {
        String old = "{\"caseId\":\"case-1\",\"personId\":\"p-1\",\"kind\":\"HOME\",\"arrivalDate\":\"2020-01-24\","
                + "\"endsAt\":\"2020-02-06T16:00:00Z\",\"reason\":\"r\",\"startedBy\":\"op\","
                + "\"startedAt\":\"2020-01-25T02:00:00Z\"}";
        SerializedObject<byte[]> stored = new org.axonframework.serialization.SimpleSerializedObject<>(
                old.getBytes(StandardCharsets.UTF_8), byte[].class, QuarantineStarted.class.getName(), null);

        QuarantineStarted back = SERIALIZER.deserialize(stored);

        assertThat(back.communityId()).isNull();
        assertThat(back.compoundId()).isNull();
        assertThat(back.arrivalDate()).isEqualTo(LocalDate.parse("2020-01-24"));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsExactly(Object event) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(event, byte[].class);

        Object back = SERIALIZER.deserialize(serialized);

        assertThat(back).isEqualTo(event);
        assertThat(SERIALIZER.serialize(back, byte[].class).getData()).isEqualTo(serialized.getData());
        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8))
                .doesNotContain("personIds");
    }
}
