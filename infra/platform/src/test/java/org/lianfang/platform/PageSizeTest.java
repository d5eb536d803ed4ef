package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.testapp.PlatformTest;
import org.lianfang.platform.web.PageSizeLimitFilter;

/** The platform's page-size ceiling ({@code lianfang.http.max-page-size}, 500 by default) on every list. */
class PageSizeTest extends PlatformTest {

    @Test
    void aPageSizeOverTheMaximumIsABadRequestNamingTheParameterBeforeTheHandlerRuns() {
        for (String parameter : PageSizeLimitFilter.PARAMETERS) {
            HttpResponse<String> response = http.get("/api/v1/widgets/paged?limit=1&" + parameter + "=501");
            assertThat(response.statusCode()).as(parameter).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo(parameter);
            assertThat(json(response).path("errors").get(0).path("reason").asText()).isEqualTo("must be at most 500");
        }
        assertThat(http.get("/api/v1/widgets/paged?limit=99999999999999999999").statusCode()).isEqualTo(400);
    }

    @Test
    void theMaximumItselfReachesTheHandler() {
        HttpResponse<String> response = http.get("/api/v1/widgets/paged?limit=500");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("limit").asInt()).isEqualTo(500);
    }

    @Test
    void theRuleIsExactlyAboveTheMaximum() {
        assertThat(PageSizeLimitFilter.exceeds("500", 500)).isFalse();
        assertThat(PageSizeLimitFilter.exceeds("501", 500)).isTrue();
        assertThat(PageSizeLimitFilter.exceeds("0500", 500)).isFalse();
        assertThat(PageSizeLimitFilter.exceeds("1234567890", 500)).isTrue();
        assertThat(PageSizeLimitFilter.exceeds("abc", 500)).isFalse();
        assertThat(PageSizeLimitFilter.exceeds("-5", 500)).isFalse();
    }
}
