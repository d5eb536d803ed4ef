package org.lianfang.checkpoint.checkpoints.command;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.checkpoint.ChangeExitPassRequirementCommand;
import org.lianfang.contracts.checkpoint.CheckpointClosed;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.CheckpointKind;
import org.lianfang.contracts.checkpoint.CheckpointOpened;
import org.lianfang.contracts.checkpoint.CheckpointRegistered;
import org.lianfang.contracts.checkpoint.CloseCheckpointCommand;
import org.lianfang.contracts.checkpoint.ExitPassRequirementChanged;
import org.lianfang.contracts.checkpoint.OpenCheckpointCommand;
import org.lianfang.contracts.checkpoint.RegisterCheckpointCommand;

/** One test per rule of the checkpoint. */
class CheckpointTest {

    private static final CheckpointId ID = CheckpointId.of("checkpoint-1");
    private static final Instant AT = Instant.parse("2020-01-26T00:00:00Z");
    private static final CheckpointRegistered GATE = new CheckpointRegistered(ID, "anguo", "1号门",
            CheckpointKind.COMPOUND_GATE, "安国路 1号", "compound-1", "op-1", AT);
    private static final CheckpointRegistered ROAD = new CheckpointRegistered(ID, "anguo", "北大门",
            CheckpointKind.ROAD_JUNCTION, "安国路 × 建设路", null, "op-1", AT);

    private AggregateTestFixture<Checkpoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Checkpoint.class);
    }

    @Test
    void aGateUnderClosedManagementIsRegisteredClosedAndRequiringPasses() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCheckpointCommand(ID, "anguo", " 1号门 ", CheckpointKind.COMPOUND_GATE, "安国路 1号",
                        "compound-1", true, "op-1", AT))
                .expectEvents(GATE, new ExitPassRequirementChanged(ID, true, "op-1", AT));
    }

    @Test
    void aCompoundGateMustNameItsCompound() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCheckpointCommand(ID, "anguo", "门", CheckpointKind.COMPOUND_GATE, null, null, false,
                        "op-1", AT))
                .expectException(RuleViolationException.class);
    }

    @Test
    void openingAndClosingAreIdempotent() {
        fixture.given(GATE).when(new OpenCheckpointCommand(ID, "op-1", AT))
                .expectEvents(new CheckpointOpened(ID, "op-1", AT));
        fixture.given(GATE, new CheckpointOpened(ID, "op-1", AT)).when(new OpenCheckpointCommand(ID, "op-2", AT))
                .expectNoEvents();
        fixture.given(GATE).when(new CloseCheckpointCommand(ID, "night", "op-1", AT)).expectNoEvents();
        fixture.given(GATE, new CheckpointOpened(ID, "op-1", AT))
                .when(new CloseCheckpointCommand(ID, "night", "op-1", AT))
                .expectEvents(new CheckpointClosed(ID, "night", "op-1", AT));
    }

    @Test
    void aRoadJunctionCannotRequirePasses() {
        fixture.given(ROAD).when(new ChangeExitPassRequirementCommand(ID, true, "op-1", AT))
                .expectException(RuleViolationException.class);
        fixture.given(GATE).when(new ChangeExitPassRequirementCommand(ID, false, "op-1", AT)).expectNoEvents();
    }
}
