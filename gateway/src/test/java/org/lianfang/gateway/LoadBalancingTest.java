package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Two instances of checkpoint-service behind the gateway (issue 11), and a third whose host is not
 * in DNS: requests are spread over the live ones, and with one stopped, every request (keyless
 * writes too) still succeeds on the other, reaching it exactly once, and the breaker stays closed.
 */
class LoadBalancingTest extends GatewayIntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    /** The second checkpoint instance; the first is {@link Downstreams#CHECKPOINT}. */
    static final WireMockServer SECOND = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        SECOND.start();
    }

    @DynamicPropertySource
    static void twoCheckpointInstances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.checkpoint[0].uri", Downstreams.CHECKPOINT::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.checkpoint[1].uri", SECOND::baseUrl);
        // a host that is not in DNS (a stopped Compose container): a connection that is never made
        registry.add("spring.cloud.discovery.client.simple.instances.checkpoint[2].uri", () -> "http://checkpoint-gone.invalid:8083");
        // two further instances to try at most: a retry must never pick an instance that already failed
        registry.add("LIANFANG_CHECKPOINT_CONNECT_RETRIES", () -> "2");
        registry.add("lianfang.gateway.security.rate-limits.admin.per-second", () -> "1000");
        registry.add("lianfang.gateway.security.rate-limits.admin.burst", () -> "1000");
    }

    @AfterAll
    static void stopSecond() {
        SECOND.stop();
    }

    @Test
    void spreadsRequestsAndSurvivesAnInstanceThatIsDown() throws Exception {
        // the load balancer's context is created on first use: slow on a loaded build machine
        client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
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

        // a keyless write is retried too: its connection to the stopped instance was never made, so
        // no byte of it was sent; it reaches the live instance exactly once, body intact
        for (int i = 0; i < 6; i++) {
            client.post().uri("/api/v1/checkpoints/k-1/crossings?keyless=" + i).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"sequence\":" + i + "}").exchange().expectStatus().isOk();
        }
        for (int i = 0; i < 6; i++) {
            Downstreams.CHECKPOINT.verify(1, postRequestedFor(urlEqualTo("/api/v1/checkpoints/k-1/crossings?keyless=" + i))
                    .withRequestBody(equalToJson("{\"sequence\":" + i + "}")));
        }

        // concurrent writes: round robin's position moves under each retry, yet a retry never picks
        // an instance that already failed it (one retry per request is allowed in this test)
        int concurrent = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                int n = i;
                answers.add(pool.submit(() -> client.post().uri("/api/v1/checkpoints/k-1/crossings?parallel=" + n)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sequence\":" + n + "}")
                        .exchange().returnResult(String.class).getStatus().value()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < concurrent; i++) {
            Downstreams.CHECKPOINT.verify(1, postRequestedFor(urlEqualTo("/api/v1/checkpoints/k-1/crossings?parallel=" + i))
                    .withRequestBody(equalToJson("{\"sequence\":" + i + "}")));
        }

        // every failure was absorbed by a retry: the breaker saw only successes and stays closed
        CircuitBreaker breaker = breakers.circuitBreaker("checkpoint");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
