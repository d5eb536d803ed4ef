package org.lianfang.testing;

import org.junit.jupiter.api.Test;
import org.lianfang.devstore.DevStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service starts on the platform against the embedded store: healthy, measured, problem
 * details. A service's test extends it in the service's own package, where {@code @SpringBootTest}
 * finds the service's application class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class ServiceStartsTest {

    private static final DevStore STORE = DevStore.memory();

    private final String expectedServiceName;

    @Autowired
    TestRestTemplate http;

    @Value("${lianfang.service-name}")
    String serviceName;

    protected ServiceStartsTest(String expectedServiceName) {
        this.expectedServiceName = expectedServiceName;
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", STORE::uri);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
    }

    @Test
    public void isHealthyOnItsOwnDatabaseAndExposesAxonMetrics() {
        assertThat(serviceName).isEqualTo(expectedServiceName);
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
        assertThat(http.getForObject("/actuator/prometheus", String.class)).contains("jvm_memory_used_bytes");
    }

    @Test
    public void anUnknownPathIsAProblemDetail() {
        ResponseEntity<String> response = http.getForEntity("/api/v1/nothing-here", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
