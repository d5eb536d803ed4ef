package org.lianfang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The API documentation UI is served by the gateway itself, without credentials or network. */
class DocsTest extends GatewayIntegrationTest {

    @Test
    void theUiPageAndItsAssetsAreServedFromTheGatewayAndPointAtTheMergedDocument() {
        String page = anonymous.get().uri("/docs").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("url: \"/openapi.json\"").doesNotContain("https://");

        String script = anonymous.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build().get().uri("/webjars/swagger-ui/swagger-ui-bundle.js").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(script).contains("SwaggerUIBundle");
        anonymous.get().uri("/webjars/swagger-ui/swagger-ui.css").exchange().expectStatus().isOk();
    }
}
