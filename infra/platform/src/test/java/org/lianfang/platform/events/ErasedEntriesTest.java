package org.lianfang.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.privacy.PersonalData;

/** Trail and county entries show an erased value as erased, not as a masked-looking string. */
class ErasedEntriesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final EventEntries entries = new EventEntries(mapper, "registry");

    @Test
    void theErasedMarkerIsLeftAsItIsWhileLiveNumbersAreStillMasked() throws Exception {
        JsonNode payload = mapper.readTree("{\"phone\":\"" + PersonalData.ERASED + "\",\"residentIdNumber\":\""
                + PersonalData.ERASED + "\",\"contact\":{\"phone\":\"13912345678\"}}");

        JsonNode masked = entries.mask(payload);

        assertThat(masked.get("phone").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(masked.get("residentIdNumber").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(masked.get("contact").get("phone").asText()).isEqualTo("139****5678");
    }
}
