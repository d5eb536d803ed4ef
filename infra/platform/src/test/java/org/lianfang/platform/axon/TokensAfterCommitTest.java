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
    void aTokenWriteThatFailsAfterTheCommitLeavesTheOldTokenSoTheBatchIsDeliveredAgainNotSkipped() {
        java.util.concurrent.atomic.AtomicBoolean failNextWrite = new java.util.concurrent.atomic.AtomicBoolean();
        InMemoryTokenStore flaky = new InMemoryTokenStore() {
            @Override
            public void storeToken(org.axonframework.eventhandling.TrackingToken token, String processorName, int segment) {
                if (failNextWrite.getAndSet(false)) {
                    throw new IllegalStateException("the token store is unreachable right after the batch's writes");
                }
                super.storeToken(token, processorName, segment);
            }
        };
        TokensAfterCommit deferred = new TokensAfterCommit(flaky);
        deferred.initializeTokenSegments("traces", 1, new GlobalSequenceTrackingToken(5));
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();

        failNextWrite.set(true);
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("d")));
        batch.onPrepareCommit(uow -> written.set(true)); // the projection's writes
        try {
            batch.executeWithResult(() -> {
                deferred.storeToken(new GlobalSequenceTrackingToken(9), "traces", 0);
                return null;
            });
        } catch (RuntimeException surfaced) {
            // Axon 4.13 logs an after-commit failure and goes on; were it passed on, the outcome below would hold too
        }
        assertThat(written).as("the batch's own writes were done").isTrue();
        assertThat(flaky.fetchToken("traces", 0)).as("its token is not: a restart now delivers the batch again")
                .isEqualTo(new GlobalSequenceTrackingToken(5));

        BatchingUnitOfWork<?> next = new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("e")));
        next.executeWithResult(() -> {
            deferred.storeToken(new GlobalSequenceTrackingToken(12), "traces", 0);
            return null;
        });
        assertThat(flaky.fetchToken("traces", 0)).as("the next batch's token covers both").isEqualTo(new GlobalSequenceTrackingToken(12));
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
