package org.lianfang.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.devstore.DevStore;
import org.lianfang.platform.LianfangProperties;
import org.slf4j.LoggerFactory;

/** Liveness by heartbeat counters (not by each host's clock), and the warning when workers are too few. */
class SegmentBalancerTest {

    static final DevStore STORE = DevStore.memory();
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    static final LianfangProperties.Processing SETTINGS =
            new LianfangProperties.Processing(4, 1, 100, Duration.ofSeconds(10), Duration.ofSeconds(2),
                    Duration.ofSeconds(30));

    MongoClient client;
    MongoDatabase database;
    TrackingEventProcessor processor = mock(TrackingEventProcessor.class);
    EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    TokenStore tokens = mock(TokenStore.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void setUp() {
        client = MongoClients.create(STORE.uri());
        database = client.getDatabase("balancer-" + UUID.randomUUID());
        when(processor.getName()).thenReturn("colours");
        when(processor.maxCapacity()).thenReturn(4);
        when(processor.processingStatus()).thenReturn(Map.of());
        when(processing.eventProcessors()).thenReturn(Map.<String, EventProcessor>of("colours", processor));
        when(tokens.fetchSegments("colours")).thenReturn(new int[] {0, 1, 2, 3});
        logged.start();
        ((Logger) LoggerFactory.getLogger(SegmentBalancer.class)).addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(SegmentBalancer.class)).detachAppender(logged);
        client.close();
    }

    @AfterAll
    static void closeStore() {
        STORE.close();
    }

    SegmentBalancer instance(Instant clock) {
        SegmentBalancer balancer = new SegmentBalancer(processing, tokens, database, SETTINGS);
        balancer.useClock(Clock.fixed(clock, ZoneOffset.UTC));
        return balancer;
    }

    @Test
    void anInstanceWhoseClockIsAnHourBehindIsStillLiveAndADeadOneIsNot() {
        SegmentBalancer a = instance(T0);
        SegmentBalancer b = instance(T0.minus(Duration.ofHours(1)));

        a.balance();
        b.balance();
        a.balance();
        assertThat(a.liveInstances()).as("a sees b, whose clock is an hour behind").isEqualTo(2);
        assertThat(b.liveInstances()).as("b sees a, whose clock is an hour ahead").isEqualTo(2);

        // b stops beating: after the claim timeout on a's own clock, a counts it dead
        a.useClock(Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
        a.balance();
        assertThat(a.liveInstances()).isEqualTo(2);
        a.useClock(Clock.fixed(T0.plusSeconds(11), ZoneOffset.UTC));
        a.balance();
        assertThat(a.liveInstances()).isEqualTo(1);

        // b beats again: live again, whatever b's clock says
        b.balance();
        a.balance();
        assertThat(a.liveInstances()).isEqualTo(2);
    }

    @Test
    void fewerThreadsThanTheFairShareIsAWarningOncePerChange() {
        when(processor.maxCapacity()).thenReturn(1);
        SegmentBalancer a = instance(T0);
        SegmentBalancer b = instance(T0);
        a.balance();
        b.balance();
        a.balance();
        a.balance();
        b.balance();

        // a alone, then b and a each once with two live: not again while nothing changes
        assertThat(warnings()).hasSize(3).allSatisfy(message -> assertThat(message).contains("colours", "1 threads"));
        assertThat(warnings().get(0)).contains("over 1 live instances", "up to 3 segments stay unprocessed");
        assertThat(warnings().subList(1, 3)).allSatisfy(message -> assertThat(message)
                .contains("over 2 live instances", "up to 2 segments stay unprocessed", "at least 2"));
    }

    @Test
    void enoughThreadsForTheFairShareEndsTheWarnings() {
        when(processor.maxCapacity()).thenReturn(2);
        SegmentBalancer a = instance(T0);
        SegmentBalancer b = instance(T0);
        a.balance();
        b.balance();
        a.balance();

        assertThat(a.liveInstances()).isEqualTo(2);
        assertThat(warnings()).hasSize(1).first().asString().contains("over 1 live instances");
    }

    java.util.List<String> warnings() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
