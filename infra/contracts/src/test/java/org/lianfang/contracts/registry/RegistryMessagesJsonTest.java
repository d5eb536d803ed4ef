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
                Instant.parse("2020-01-25T08:30:00.123456789Z"));

        String json = mapper.writeValueAsString(event);

        assertThat(json).contains("\"personId\":\"p-1\"", "\"residentIdNumber\":\"41132419800101123X\"")
                .doesNotContain("personIds");
        assertThat(mapper.readValue(json, PersonRegistered.class)).isEqualTo(event);
    }

    @Test
    void anInvalidIdNumberCannotBeRead() {
        assertThatThrownBy(() -> mapper.readValue("\"411324198001011230\"", ResidentIdNumber.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("check character");
    }
}
