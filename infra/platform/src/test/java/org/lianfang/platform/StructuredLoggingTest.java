package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lianfang.platform.testapp.PlatformTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest extends PlatformTest {

    @Test
    void logLinesAreJsonAndCarryTheCorrelationId(CapturedOutput output) {
        http.postJson("/api/v1/widgets/boom", "{}", "X-Correlation-Id", "log-corr-77");

        List<JsonNode> lines = Arrays.stream(output.getOut().split("\n"))
                .filter(line -> line.contains("log-corr-77"))
                .map(StructuredLoggingTest::parse)
                .toList();

        assertThat(lines).isNotEmpty();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("correlationId").asText()).isEqualTo("log-corr-77");
            assertThat(line.get("log").get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("service").get("name").asText()).isEqualTo("platform-test");
        });
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
