package org.lianfang.platform.request;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asked, for which community, under which correlation id: taken from the HTTP request and
 * stamped on every command and event it causes.
 *
 * @param actor         who is acting ({@code X-Actor} until authentication lands); never null
 * @param correlationId the request's correlation id, received or generated; never null
 * @param communityId   the community (社区) the request is for, or null if it named none
 */
public record RequestMetadata(String actor, String correlationId, String communityId) {

    /** The actor of requests that did not say who they are. */
    public static final String ANONYMOUS = "anonymous";

    private static final ThreadLocal<RequestMetadata> CURRENT = new ThreadLocal<>();

    public RequestMetadata {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** The metadata of the request the current thread is serving, if any. */
    public static Optional<RequestMetadata> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Binds {@code metadata} to the current thread until the returned scope is closed. */
    public static Scope bind(RequestMetadata metadata) {
        RequestMetadata previous = CURRENT.get();
        CURRENT.set(metadata);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Restores the previous binding when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
