package org.lianfang.checkpoint.pass.command;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.PassCheck;
import org.lianfang.contracts.checkpoint.PassIssued;
import org.lianfang.contracts.checkpoint.PassLimit;
import org.lianfang.contracts.checkpoint.PassRevoked;
import org.lianfang.contracts.checkpoint.PassUsed;
import org.lianfang.contracts.checkpoint.RevokePassCommand;
import org.lianfang.contracts.checkpoint.UsePassCommand;

/** The pass counts its exits: one member out every two days, retries spend nothing, revocation holds. */
class TemporaryPassTest {

    private static final PassIssued ISSUED = new PassIssued("pass-1", "anguo", "compound-1", "h-1", null,
            Instant.parse("2020-02-01T00:00:00Z"), Instant.parse("2020-02-15T00:00:00Z"), new PassLimit(1, 2), null,
            "op-1", Instant.parse("2020-02-01T00:00:00Z"));
    private static final Instant DAY_ONE = Instant.parse("2020-02-01T09:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2020-02-02T09:00:00Z");
    private static final Instant DAY_THREE = Instant.parse("2020-02-03T09:00:00Z");

    private AggregateTestFixture<TemporaryPass> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TemporaryPass.class);
    }

    private static UsePassCommand use(String crossing, String person, Instant at) {
        return new UsePassCommand("pass-1", crossing, List.of(person), List.of("h-1"), "compound-1", at);
    }

    @Test
    void aMemberOfTheHouseholdSpendsThePeriodsExit() {
        fixture.given(ISSUED).when(use("x-1", "p-1", DAY_ONE))
                .expectEvents(new PassUsed("pass-1", "x-1", List.of("p-1"), DAY_ONE, 0))
                .expectResultMessagePayload(PassCheck.ACCEPTED);
    }

    @Test
    void aSecondMemberInTheSamePeriodIsRefusedAsOverUsed() {
        fixture.given(ISSUED, new PassUsed("pass-1", "x-1", List.of("p-1"), DAY_ONE, 0))
                .when(use("x-2", "p-2", DAY_TWO))
                .expectNoEvents()
                .expectResultMessagePayload(PassCheck.refused("pass-over-used",
                        "The pass allows 1 exit(s) every 2 day(s); this period's are used."));
    }

    @Test
    void theNextPeriodHasItsOwnExit() {
        fixture.given(ISSUED, new PassUsed("pass-1", "x-1", List.of("p-1"), DAY_ONE, 0))
                .when(use("x-2", "p-2", DAY_THREE))
                .expectEvents(new PassUsed("pass-1", "x-2", List.of("p-2"), DAY_THREE, 1));
    }

    @Test
    void theSameCrossingAgainSpendsNothing() {
        fixture.given(ISSUED, new PassUsed("pass-1", "x-1", List.of("p-1"), DAY_ONE, 0))
                .when(use("x-1", "p-1", DAY_ONE))
                .expectNoEvents()
                .expectResultMessagePayload(PassCheck.ACCEPTED);
    }

    @Test
    void aRevokedPassIsRefusedAndRevokingTwiceChangesNothing() {
        PassRevoked revoked = new PassRevoked("pass-1", "misused", "op-1", DAY_ONE);
        fixture.given(ISSUED, revoked).when(use("x-1", "p-1", DAY_TWO)).expectNoEvents()
                .expectResultMessagePayload(PassCheck.refused("pass-revoked", "The pass was revoked at " + DAY_ONE + "."));
        fixture.given(ISSUED, revoked).when(new RevokePassCommand("pass-1", "again", "op-2", DAY_TWO))
                .expectNoEvents();
    }
}
