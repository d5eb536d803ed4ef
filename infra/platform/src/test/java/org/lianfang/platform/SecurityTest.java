package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.testapp.PlatformTest;

/** {@code @Allowed} roles and jurisdiction checks, answered as problem details before any handler runs. */
class SecurityTest extends PlatformTest {

    @Test
    void aCallerWithAnAllowedRoleInItsJurisdictionIsServed() {
        HttpResponse<String> response = http.get("/api/v1/guarded/anguo/c1",
                "X-Actor", "op-1", "X-Actor-Role", "operator", "X-Community-Id", "anguo");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("role").asText()).isEqualTo("operator");
    }

    @Test
    void noIdentityIs401AndAnotherRoleIs403() {
        HttpResponse<String> anonymous = http.get("/api/v1/guarded/anguo/c1");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(anonymous).path("type").asText()).isEqualTo("https://lianfang.org/problems/unauthorized");

        HttpResponse<String> medic = http.get("/api/v1/guarded/anguo/c1",
                "X-Actor", "m-1", "X-Actor-Role", "medic", "X-Community-Id", "anguo");
        assertThat(medic.statusCode()).isEqualTo(403);
        assertThat(json(medic).path("type").asText()).isEqualTo("https://lianfang.org/problems/forbidden");
    }

    @Test
    void aMethodAnnotationOverridesTheClassAndARefusedWriteRunsNothing() {
        HttpResponse<String> operator = http.postJson("/api/v1/guarded/medical", "{}",
                "X-Actor", "op-1", "X-Actor-Role", "operator", "X-Community-Id", "anguo");
        assertThat(operator.statusCode()).isEqualTo(403);
        HttpResponse<String> medic = http.postJson("/api/v1/guarded/medical", "{}",
                "X-Actor", "m-1", "X-Actor-Role", "medic", "X-Community-Id", "anguo");
        assertThat(medic.statusCode()).isEqualTo(200);
        assertThat(json(medic).path("writes").asInt()).isEqualTo(1);
    }

    @Test
    void anotherCommunityOrCompoundIs404NotConfirmingTheThingExists() {
        HttpResponse<String> otherCommunity = http.get("/api/v1/guarded/other/c1",
                "X-Actor", "op-1", "X-Actor-Role", "operator", "X-Community-Id", "anguo");
        assertThat(otherCommunity.statusCode()).isEqualTo(404);
        HttpResponse<String> otherCompound = http.get("/api/v1/guarded/anguo/c2",
                "X-Actor", "op-1", "X-Actor-Role", "operator", "X-Community-Id", "anguo",
                "X-Actor-Compounds", "c1, c3");
        assertThat(otherCompound.statusCode()).isEqualTo(404);
        HttpResponse<String> county = http.get("/api/v1/guarded/other/c9",
                "X-Actor", "auditor-1", "X-Actor-Role", "auditor", "X-Community-Id", "*");
        assertThat(county.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownRoleIsABadRequestNamingTheHeader() {
        HttpResponse<String> response = http.get("/api/v1/guarded/anguo/c1",
                "X-Actor", "op-1", "X-Actor-Role", "superuser", "X-Community-Id", "anguo");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("X-Actor-Role");
    }
}
