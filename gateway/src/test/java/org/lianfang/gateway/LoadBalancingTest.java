package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Two instances of checkpoint-service behind the gateway (issue 11): requests are spread over both,
 * and with one instance stopped, repeatable requests (reads, writes with an Idempotency-Key) still
 * succeed on the other, while a keyless write is never sent twice.
 */
class LoadBalancingTest extends GatewayIntegrationTest {

    /** The second checkpoint instance; the first is {@link Downstreams#CHECKPOINT}. */
    static final WireMockServer SECOND = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        SECOND.start();
    }

    @DynamicPropertySource
    static void twoCheckpointInstances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.checkpoint[0].uri", Downstreams.CHECKPOINT::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.checkpoint[1].uri", SECOND::baseUrl);
        registry.add("lianfang.gateway.security.rate-limits.admin.per-second", () -> "1000");
        registry.add("lianfang.gateway.security.rate-limits.admin.burst", () -> "1000");
    }

    @AfterAll
    static void stopSecond() {
        SECOND.stop();
    }

    @Test
    void spreadsRequestsAndSurvivesAnInstanceThatIsDown() {
        List<WireMockServer> instances = List.of(Downstreams.CHECKPOINT, SECOND);
        instances.forEach(server -> server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}"))));

        for (int i = 0; i < 20; i++) {
            client.get().uri("/api/v1/checkpoints/k-" + i).exchange().expectStatus().isOk();
        }
        int first = Downstreams.CHECKPOINT.getAllServeEvents().size();
        int second = SECOND.getAllServeEvents().size();
        assertThat(first + second).isEqualTo(20);
        assertThat(first).as("requests at instance 1").isGreaterThanOrEqualTo(5);
        assertThat(second).as("requests at instance 2").isGreaterThanOrEqualTo(5);

        // instance 2 goes away: reads and keyed writes all succeed, each reaching instance 1 once
        SECOND.stop();
        Downstreams.CHECKPOINT.resetRequests();
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/v1/checkpoints/down-" + i).exchange().expectStatus().isOk();
            client.post().uri("/api/v1/checkpoints/k-1/crossings?upload=" + i).contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "key-" + i).bodyValue("{\"sequence\":" + i + "}")
                    .exchange().expectStatus().isOk();
        }
        for (int i = 0; i < 10; i++) {
            Downstreams.CHECKPOINT.verify(1, anyRequestedFor(urlEqualTo("/api/v1/checkpoints/down-" + i)));
            Downstreams.CHECKPOINT.verify(1, postRequestedFor(urlEqualTo("/api/v1/checkpoints/k-1/crossings?upload=" + i))
                    .withHeader("Idempotency-Key", equalTo("key-" + i)));
        }

        // a keyless write is not retried: when it meets the stopped instance it fails (503), and it
        // never reaches the live instance twice
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(client.post().uri("/api/v1/checkpoints/k-1/crossings?keyless=" + i)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sequence\":" + i + "}")
                    .exchange().returnResult(String.class).getStatus().value());
        }
        assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 503)).contains(503);
        for (int i = 0; i < 4; i++) {
            int reached = Downstreams.CHECKPOINT.findAll(postRequestedFor(urlEqualTo("/api/v1/checkpoints/k-1/crossings?keyless=" + i))).size();
            assertThat(reached).as("keyless write %s at the live instance", i).isEqualTo(statuses.get(i) == 200 ? 1 : 0);
        }
    }
}
