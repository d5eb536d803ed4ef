package org.lianfang.platform.testapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the platform's end-to-end tests: the test service on a random port against an
 * in-process store. All subclasses share one application context (and one store).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class PlatformTest {

    protected static final EmbeddedMongo MONGO = new EmbeddedMongo();
    protected static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;
    protected Http http;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", MONGO::uri);
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
