package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Processors a service names under axon.eventhandling.processors follow lianfang.processing unless they say otherwise. */
class ProcessingDefaultsTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", properties));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void namedProcessorsKeepOneSegmentByDefault() {
        StandardEnvironment environment = environment(Map.of("axon.eventhandling.processors.traces.batch-size", "100"));
        assertThat(environment.getProperty("axon.eventhandling.processors.traces.initial-segment-count")).isEqualTo("1");
        assertThat(environment.getProperty("axon.eventhandling.processors.traces.thread-count")).isEqualTo("1");
        assertThat(environment.getProperty("axon.eventhandling.processors.traces.token-claim-interval")).isEqualTo("5000");
    }

    @Test
    void namedProcessorsTakeThePlatformsSegmentsAndThreads() {
        StandardEnvironment environment = environment(Map.of(
                "axon.eventhandling.processors.traces.batch-size", "100",
                "axon.eventhandling.processors.index.mode", "tracking",
                "axon.eventhandling.processors.index.thread-count", "5",
                "lianfang.processing.segments", "4",
                "lianfang.processing.token-claim-interval-ms", "700"));
        assertThat(environment.getProperty("axon.eventhandling.processors.traces.initial-segment-count")).isEqualTo("4");
        assertThat(environment.getProperty("axon.eventhandling.processors.traces.thread-count")).isEqualTo("4");
        assertThat(environment.getProperty("axon.eventhandling.processors.traces.token-claim-interval")).isEqualTo("700");
        assertThat(environment.getProperty("axon.eventhandling.processors.index.thread-count")).as("its own setting wins").isEqualTo("5");
        assertThat(environment.getProperty("axon.eventhandling.processors.index.initial-segment-count")).isEqualTo("4");
    }

    @Test
    void threadsCanBeFewerThanSegments() {
        StandardEnvironment environment = environment(Map.of(
                "axon.eventhandling.processors.traces.batch-size", "100",
                "lianfang.processing.segments", "4",
                "lianfang.processing.threads", "2"));
        assertThat(environment.getProperty("axon.eventhandling.processors.traces.thread-count")).isEqualTo("2");
    }
}
