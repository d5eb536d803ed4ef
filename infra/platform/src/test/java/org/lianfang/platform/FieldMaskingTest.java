package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.FieldMasking;
import org.lianfang.platform.security.Role;
import org.lianfang.platform.testapp.PlatformTest;

/** Role-based field masking (gateway/README.md "Field masking"), applied to every JSON answer. */
class FieldMaskingTest extends PlatformTest {

    @ParameterizedTest(name = "{0} reason={1}: phones whole {2}")
    @CsvSource(nullValues = "-", value = {
            "operator, -,      true",
            "medic,    -,      true",
            "auditor,  -,      false",
            "auditor,  ' ',    false",
            "auditor,  audit,  true",
            "county,   -,      false",
            "county,   audit,  false",
            "admin,    audit,  false"})
    void whoSeesPhonesWhole(String role, String reason, boolean whole) {
        Caller caller = new Caller("c-1", Role.parse(role).orElseThrow(), "anguo", Set.of());
        assertThat(FieldMasking.showsPhones(caller, reason)).isEqualTo(whole);

        String query = reason == null ? "" : "?reason=" + reason.replace(" ", "%20");
        JsonNode answer = json(http.get("/api/v1/residents/r-1" + query,
                "X-Actor", "c-1", "X-Actor-Role", role, "X-Community-Id", "anguo"));
        assertThat(answer.path("phone").asText()).isEqualTo(whole ? "13800001234" : "138****1234");
        assertThat(answer.path("contacts").get(0).path("emergencyPhone").asText())
                .isEqualTo(whole ? "13900005678" : "139****5678");
        assertThat(answer.path("residentIdNumber").asText()).isEqualTo("4113**********1234");
        assertThat(answer.path("name").asText()).isEqualTo("赵超（示例）");
        assertThat(answer.path("contacts").get(0).path("relation").asText()).isEqualTo("spouse");
    }

    @org.junit.jupiter.api.Test
    void anAnswerIsCopiedOnlyWhenSomethingInItIsNotMaskedYet() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode masked = mapper.readTree("""
                {"events": [{"payload": {"residentIdNumber": "4113**********1234", "phone": "138****1234",
                 "name": "赵超（示例）", "short": {"idNumber": "****"}}}]}""");
        assertThat(FieldMasking.needsMasking(masked, false)).isFalse();
        JsonNode deepId = mapper.readTree("""
                {"events": [{"payload": {"household": [{"residentIdNumber": "411324199003071234"}]}}]}""");
        assertThat(FieldMasking.needsMasking(deepId, true)).isTrue();
        JsonNode phone = mapper.readTree("{\"contacts\": [{\"emergencyPhone\": \"13900005678\"}]}");
        assertThat(FieldMasking.needsMasking(phone, true)).isFalse();
        assertThat(FieldMasking.needsMasking(phone, false)).isTrue();
        // whatever needsMasking says, masking then finds nothing left to do
        for (JsonNode node : java.util.List.of(masked, deepId, phone)) {
            JsonNode copy = node.deepCopy();
            FieldMasking.maskInPlace(copy, false);
            assertThat(FieldMasking.needsMasking(copy, false)).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void noCallerSeesNoPhone() {
        assertThat(FieldMasking.showsPhones(null, "audit")).isFalse();
    }
}
