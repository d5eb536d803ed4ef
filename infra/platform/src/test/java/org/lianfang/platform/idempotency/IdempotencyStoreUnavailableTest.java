package org.lianfang.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lianfang.platform.problem.ProblemWriter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The store failing while a key is claimed (docs/reliability.md: a registry POST answered 500 when
 * the store was killed mid-write): the client gets a retryable 503 problem with Retry-After, and
 * the request is not run without its idempotency guard.
 */
class IdempotencyStoreUnavailableTest {

    @ParameterizedTest
    @ValueSource(strings = {"socket-read-on-insert", "timeout-on-insert", "socket-read-on-find"})
    @SuppressWarnings("unchecked")
    void aStoreFailingMidRequestIsA503ProblemWithRetryAfterNeverA500(String failure) throws Exception {
        MongoDatabase database = mock(MongoDatabase.class);
        MongoCollection<Document> keys = mock(MongoCollection.class);
        when(database.getCollection(IdempotencyStore.COLLECTION)).thenReturn(keys);
        RuntimeException fault = failure.startsWith("timeout")
                ? new MongoTimeoutException("Timed out after 30000 ms while waiting for a server")
                : new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress("127.0.0.1", 27017));
        if (failure.endsWith("find")) {
            when(keys.insertOne(any(Document.class))).thenThrow(new com.mongodb.MongoWriteException(
                    new com.mongodb.WriteError(11000, "duplicate key", new org.bson.BsonDocument()),
                    new ServerAddress("127.0.0.1", 27017), java.util.Set.of()));
            when(keys.find(any(Bson.class))).thenThrow(fault);
        } else {
            when(keys.insertOne(any(Document.class))).thenThrow(fault);
        }
        IdempotencyStore store = new IdempotencyStore(database, Duration.ofHours(24), Duration.ofSeconds(60),
                Clock.systemUTC());
        IdempotencyFilter filter = new IdempotencyFilter(store, new ProblemWriter(new ObjectMapper()));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/persons");
        request.addHeader(IdempotencyFilter.HEADER, "key-1");
        request.setContentType("application/json");
        request.setContent("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean ran = new AtomicBoolean();

        filter.doFilter(request, response, (req, res) -> ran.set(true));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.getContentAsByteArray());
        assertThat(problem.path("type").asText()).isEqualTo("https://lianfang.org/problems/service-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(response.getContentAsString()).doesNotContain("Mongo", "Exception");
        assertThat(ran).as("the request does not run without its idempotency guard").isFalse();
    }
}
