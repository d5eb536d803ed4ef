package org.lianfang.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RegistryMessagesJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void idsAreWrittenAsPlainStringsAndReadBack() throws Exception {
        PersonRegistered event = new PersonRegistered(PersonId.of("p-1"), "张三",
                new ResidentIdNumber("41132419800101123X"), "13800000000", Origin.WUHAN,
                LocalDate.of(2020, 1, 22), "安国小区", "1号楼 1单元 101室", "自驾", RegistrationSource.COUNTY_LIST,
                Instant.parse("2020-01-25T08:30:00.123456789Z"), true, "registrar-1");

        String json = mapper.writeValueAsString(event);

        assertThat(json).contains("\"personId\":\"p-1\"", "\"residentIdNumber\":\"41132419800101123X\"")
                .doesNotContain("personIds");
        assertThat(mapper.readValue(json, PersonRegistered.class)).isEqualTo(event);
    }

    @Test
    void aRegistrationStoredBeforeHubeiContactAndRegistrarExistedIsStillReadable() throws Exception {
        String old = "{\"personId\":\"p-1\",\"name\":\"张三\",\"residentIdNumber\":\"41132419800101123X\","
                + "\"origin\":\"WUHAN\",\"arrivalDate\":\"2020-01-22\",\"registeredAt\":\"2020-01-25T08:30:00Z\"}";

        PersonRegistered event = mapper.readValue(old, PersonRegistered.class);

        assertThat(event.hubeiContact()).isNull();
        assertThat(event.registeredBy()).isNull();
        assertThat(event.origin()).isEqualTo(Origin.WUHAN);
    }

    @Test
    void aColourChangeKeepsItsReasonOwnerAndCauseThroughJson() throws Exception {
        RiskColourChanged event = new RiskColourChanged(PersonId.of("p-1"), RiskColour.YELLOW, RiskColour.RED,
                "UNREACHABLE", "2020-02-01", "3 unreachable calls in a row",
                new ColourOwner(java.util.List.of(OwnerRole.PARTY_SECRETARY, OwnerRole.LEADER_IN_CHARGE), null),
                new CausingEvent("TraceCallRecorded", 3), Instant.parse("2020-01-26T10:00:00Z"));

        String json = mapper.writeValueAsString(event);

        assertThat(json).contains("\"causedBy\":{\"type\":\"TraceCallRecorded\",\"sequenceNumber\":3}");
        assertThat(mapper.readValue(json, RiskColourChanged.class)).isEqualTo(event);
    }

    @Test
    void anInvalidIdNumberCannotBeRead() {
        assertThatThrownBy(() -> mapper.readValue("\"411324198001011230\"", ResidentIdNumber.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("check character");
    }
}
