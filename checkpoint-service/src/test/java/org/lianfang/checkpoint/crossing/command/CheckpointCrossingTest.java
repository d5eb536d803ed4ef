package org.lianfang.checkpoint.crossing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.ArrivalReport;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.contracts.checkpoint.GateVerdict;
import org.lianfang.contracts.checkpoint.QuarantineBreach;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.checkpoint.RecordCrossingCommand;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.registry.Origin;

/** A crossing records the verdict and raises what other services react to. */
class CheckpointCrossingTest {

    private static final Instant AT = Instant.parse("2020-02-03T01:00:00Z");
    private static final Instant RECORDED = Instant.parse("2020-02-03T01:05:00Z");

    private AggregateTestFixture<CheckpointCrossing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CheckpointCrossing.class);
    }

    private static CrossingDetails details(String personId, Direction direction) {
        return new CrossingDetails("crossing-1", CheckpointId.of("checkpoint-1"), "anguo", "compound-1", "tablet-1", 7,
                CrossingSubject.PERSON, personId, null, null, null, List.of(), null, direction, new BigDecimal("36.5"),
                null, "op-1", AT, RECORDED);
    }

    @Test
    void aQuarantinedPersonDeniedGoingOutIsABreachAttempt() {
        CrossingDetails details = details("p-1", Direction.OUT);
        fixture.givenNoPriorActivity()
                .when(new RecordCrossingCommand("crossing-1", details, new GateVerdict(false,
                        "quarantined-may-not-go-out", "in quarantine", "gate-v1", List.of()), null, new QuarantineBreach("p-1", "case-1")))
                .expectEvents(new CrossingDenied(details, "quarantined-may-not-go-out", "in quarantine", "gate-v1",
                                List.of()),
                        new QuarantineBreachAttempted("crossing-1", CheckpointId.of("checkpoint-1"), "p-1", "case-1",
                                "quarantined-may-not-go-out", "gate-v1", "op-1", AT, RECORDED));
    }

    @Test
    void anUnknownPersonComingInIsRecordedAndReported() {
        CrossingDetails details = details(null, Direction.IN);
        ArrivalReport report = new ArrivalReport(null, "411324199003074562", "王五", null, Origin.WUHAN, "武汉",
                LocalDate.parse("2020-02-03"), "unknown to the registry");
        fixture.givenNoPriorActivity()
                .when(new RecordCrossingCommand("crossing-1", details, new GateVerdict(true, null, null, "gate-v1",
                        List.of("UNREGISTERED_ARRIVAL")), report, null))
                .expectEvents(new CrossingRecorded(details, "gate-v1", List.of("UNREGISTERED_ARRIVAL")),
                        new UnregisteredArrivalDetected("crossing-1", CheckpointId.of("checkpoint-1"), "anguo", null,
                                "411324199003074562", "王五", null, Origin.WUHAN, "武汉", LocalDate.parse("2020-02-03"),
                                "unknown to the registry", "op-1", AT, RECORDED));
    }
}
