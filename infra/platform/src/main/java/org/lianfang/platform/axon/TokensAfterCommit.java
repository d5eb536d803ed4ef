package org.lianfang.platform.axon;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * A token store whose tracking processors store a batch's token only once the batch's unit of
 * work has committed.
 *
 * <p>Axon's tracking processor stores the token of a batch <em>before</em> its handlers run (or,
 * with {@code storingTokensAfterProcessing}, in the first prepare-commit step, still before the
 * handlers' own prepare-commit writes). That is safe only when the token store and the projections
 * share a transaction; here they do not (MongoDB, no transactions), so a store that became
 * unreachable between the token and a projection's writes left the token past events that were
 * never applied: the projection missed them for good (seen in {@code ScaleOutTest}: a crossing
 * acknowledged by the instance whose store was cut never reached the tracing pages). Here a token
 * stored inside a unit of work only checks the claim at once ({@code extendClaim}, which fails as
 * storing would if another instance took the segment) and is written after the commit: a batch
 * whose writes fail is delivered again, and projections already tolerate a repeated delivery.
 * Outside a unit of work (initial tokens, resets, empty batches) tokens are stored at once. If
 * the deferred write itself fails (the token store unreachable right after the batch's writes),
 * Axon logs it and goes on: the token stays where it was — a restart delivers the batch again —
 * until the next batch's token, which covers both, is written; nothing is skipped.
 */
public final class TokensAfterCommit implements TokenStore {

    private final TokenStore delegate;

    public TokensAfterCommit(TokenStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        if (!CurrentUnitOfWork.isStarted()) {
            delegate.storeToken(token, processorName, segment);
            return;
        }
        delegate.extendClaim(processorName, segment);
        CurrentUnitOfWork.get().root().afterCommit(uow -> delegate.storeToken(token, processorName, segment));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
