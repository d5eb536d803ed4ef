package org.lianfang.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.problem.ProblemWriter;
import org.lianfang.platform.testapp.EmbeddedMongo;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A write the client was told succeeded (2xx) must never run a second time for the same key, even
 * when keeping its response fails: storing is retried, a body that cannot be sealed is dropped (the
 * status and Location are kept), and a key whose response cannot be stored at all stays claimed.
 */
class AcknowledgedWriteTest {

    private static EmbeddedMongo server;
    private static MongoClient client;
    private MongoDatabase database;
    private final AtomicInteger executions = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = new EmbeddedMongo();
        client = MongoClients.create(server.uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    @BeforeEach
    void fresh() {
        database = client.getDatabase("acknowledged_" + System.nanoTime());
    }

    @Test
    void aStoreFailingOnceWhileCompletingStillReplaysTheFirstResponseAndRunsNothingTwice() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        IdempotencyStore store = new IdempotencyStore(database, Duration.ofHours(24), Duration.ofSeconds(60),
                Clock.systemUTC()) {
            @Override
            public void complete(Acquired acquired, StoredResponse response) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("write failed");
                }
                super.complete(acquired, response);
            }
        };
        IdempotencyFilter filter = filter(store);

        MockHttpServletResponse first = post(filter, "key-1");
        MockHttpServletResponse retry = post(filter, "key-1");

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(executions).as("the person is registered once").hasValue(1);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(retry.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"p-1\",\"name\":\"欧阳锋\"}");
    }

    @Test
    void aStoreThatCannotCompleteAtAllLeavesTheKeyClaimedSoARetryIsInFlightNotADuplicate() throws Exception {
        IdempotencyStore store = new IdempotencyStore(database, Duration.ofHours(24), Duration.ofSeconds(60),
                Clock.systemUTC()) {
            @Override
            public void complete(Acquired acquired, StoredResponse response) {
                throw new IllegalStateException("write failed");
            }
        };
        IdempotencyFilter filter = filter(store);

        MockHttpServletResponse first = post(filter, "key-2");
        MockHttpServletResponse retry = post(filter, "key-2");

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(retry.getStatus()).isEqualTo(409);
        assertThat(executions).hasValue(1);
    }

    @Test
    void aBodyThatCannotBeSealedIsNotKeptButTheStatusAndLocationAreReplayed() throws Exception {
        IdempotencyStore store = new IdempotencyStore(database, Duration.ofHours(24), Duration.ofSeconds(60),
                Clock.systemUTC());
        store.useSealer(new ResponseSealer() {
            @Override
            public Sealed seal(StoredResponse response) {
                throw new IllegalStateException("AEAD failed");
            }

            @Override
            public Optional<byte[]> open(String subject, byte[] sealed) {
                throw new AssertionError("nothing was sealed");
            }
        });
        IdempotencyFilter filter = filter(store);

        MockHttpServletResponse first = post(filter, "key-3");
        MockHttpServletResponse retry = post(filter, "key-3");

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(executions).hasValue(1);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader("Location")).isEqualTo("/api/v1/persons/p-1");
        assertThat(retry.getContentAsByteArray()).isEqualTo(IdempotencyStore.NOT_KEPT_BODY);
        assertThat(retry.getContentType()).startsWith("application/json");
    }

    @Test
    void theSubjectTheControllerNamesIsPassedToTheSealer() throws Exception {
        IdempotencyStore store = new IdempotencyStore(database, Duration.ofHours(24), Duration.ofSeconds(60),
                Clock.systemUTC());
        java.util.List<String> subjects = new java.util.ArrayList<>();
        store.useSealer(new ResponseSealer() {
            @Override
            public Sealed seal(StoredResponse response) {
                subjects.add(response.subject());
                return new Sealed("x", response.body());
            }

            @Override
            public Optional<byte[]> open(String subject, byte[] sealed) {
                return Optional.of(sealed);
            }
        });

        post(filter(store), "key-4");

        assertThat(subjects).containsExactly("volunteer-7");
    }

    private IdempotencyFilter filter(IdempotencyStore store) {
        return new IdempotencyFilter(store, new ProblemWriter(new ObjectMapper()));
    }

    private MockHttpServletResponse post(IdempotencyFilter filter, String key) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/persons");
        request.addHeader(IdempotencyFilter.HEADER, key);
        request.setContentType("application/json");
        request.setContent("{\"name\":\"欧阳锋\"}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            executions.incrementAndGet();
            ResponseSubject.set(req, "volunteer-7");
            HttpServletResponse http = (HttpServletResponse) res;
            http.setStatus(201);
            http.setHeader("Location", "/api/v1/persons/p-1");
            http.setContentType("application/json");
            http.setCharacterEncoding("UTF-8");
            http.getOutputStream().write("{\"id\":\"p-1\",\"name\":\"欧阳锋\"}".getBytes(StandardCharsets.UTF_8));
        });
        return response;
    }
}
