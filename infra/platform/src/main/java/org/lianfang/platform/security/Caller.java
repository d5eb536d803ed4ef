package org.lianfang.platform.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lianfang.platform.problem.ForbiddenException;
import org.lianfang.platform.problem.ResourceNotFoundException;

/**
 * The authenticated identity a request runs under: who, in which role, and where (jurisdiction).
 * Services use it for function-level checks ({@link Allowed}) and jurisdiction checks
 * ({@link #requireCovers(String)}); the gateway establishes it.
 *
 * @param subject     who is acting (an API client or a person's login); never null
 * @param role        the caller's role; null when the request carries no identity
 * @param communityId the community the caller works for; {@code *} for county-wide callers;
 *                    null when unknown
 * @param compounds   if not empty, the caller is limited to these compounds of its community
 */
public record Caller(String subject, Role role, String communityId, Set<String> compounds) {

    /** Jurisdiction value that covers every community (county and admin callers). */
    public static final String ALL_COMMUNITIES = "*";

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    public Caller {
        Objects.requireNonNull(subject, "subject");
        compounds = compounds == null ? Set.of() : Set.copyOf(compounds);
    }

    /** The caller of the request the current thread is serving, if any. */
    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Binds {@code caller} to the current thread until the returned scope is closed. */
    public static Scope bind(Caller caller) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public boolean hasRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    /** Whether the caller may see and act on things of {@code community}. */
    public boolean covers(String community) {
        if (ALL_COMMUNITIES.equals(communityId)) {
            return true;
        }
        return communityId != null && communityId.equals(community);
    }

    /** Whether the caller may see and act on things of {@code compound} in {@code community}. */
    public boolean covers(String community, String compound) {
        if (!covers(community)) {
            return false;
        }
        return compounds.isEmpty() || compound == null || compounds.contains(compound);
    }

    /**
     * Throws a 404 (not a 403: it must not confirm that the thing exists) unless the caller
     * covers {@code community}. A thing stored without a community is covered by everyone.
     */
    public void requireCovers(String community) {
        if (community != null && !covers(community)) {
            throw new ResourceNotFoundException("Not found.");
        }
    }

    /** As {@link #requireCovers(String)}, also checking the compound. */
    public void requireCovers(String community, String compound) {
        if (community != null && !covers(community, compound)) {
            throw new ResourceNotFoundException("Not found.");
        }
    }

    /** Throws 403 unless the caller has one of {@code roles}. */
    public void requireRole(Role... roles) {
        if (role == null) {
            throw new UnauthenticatedException("This request needs an authenticated caller.");
        }
        if (!hasRole(roles)) {
            throw new ForbiddenException("The role '" + role.lowerCase() + "' may not do this.");
        }
    }

    /** Restores the previous binding when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
