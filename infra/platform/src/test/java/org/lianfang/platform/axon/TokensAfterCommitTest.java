package org.lianfang.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** A batch's token is stored only after the batch's unit of work committed, never when it rolled back. */
class TokensAfterCommitTest {

    private final InMemoryTokenStore stored = new InMemoryTokenStore();
    private final TokensAfterCommit tokens = new TokensAfterCommit(stored);

    @Test
    void insideAUnitOfWorkTheTokenIsStoredAfterTheCommitAndNotAfterARollback() {
        tokens.initializeTokenSegments("traces", 1);
        assertThat(tokens.fetchToken("traces", 0)).isNull();

        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("a")));
        batch.executeWithResult(() -> {
            tokens.storeToken(new GlobalSequenceTrackingToken(5), "traces", 0);
            assertThat(stored.fetchToken("traces", 0)).as("while the batch's writes are still to come").isNull();
            return null;
        });
        assertThat(stored.fetchToken("traces", 0)).isEqualTo(new GlobalSequenceTrackingToken(5));

        BatchingUnitOfWork<?> failing = new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("b")));
        failing.onPrepareCommit(uow -> {
            throw new IllegalStateException("the projection's store is unreachable");
        });
        Throwable failure;
        try {
            failure = failing.executeWithResult(() -> {
                tokens.storeToken(new GlobalSequenceTrackingToken(9), "traces", 0);
                return null;
            }).exceptionResult();
        } catch (IllegalStateException thrown) {
            failure = thrown;
        }
        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(failing.isRolledBack()).isTrue();
        assertThat(stored.fetchToken("traces", 0)).as("the failed batch is delivered again")
                .isEqualTo(new GlobalSequenceTrackingToken(5));
    }

    @Test
    void outsideAUnitOfWorkTheTokenIsStoredAtOnce() {
        tokens.initializeTokenSegments("traces", 1);
        tokens.storeToken(new GlobalSequenceTrackingToken(3), "traces", 0);
        assertThat(stored.fetchToken("traces", 0)).isEqualTo(new GlobalSequenceTrackingToken(3));
    }

    @Test
    void aLostClaimFailsTheBatchBeforeItsHandlersRun() {
        InMemoryTokenStore other = new InMemoryTokenStore();
        TokensAfterCommit unclaimed = new TokensAfterCommit(other);
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("c"));
        try {
            assertThatThrownBy(() -> unclaimed.storeToken(new GlobalSequenceTrackingToken(1), "never-initialized", 0))
                    .isInstanceOf(UnableToClaimTokenException.class);
        } finally {
            uow.rollback();
        }
    }
}
