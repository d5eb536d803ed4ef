package org.lianfang.registry.security;

import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.UnauthenticatedException;

/**
 * The registry's use of the caller's jurisdiction: a write is made for one named community (the
 * one stored on what it creates), and everything read or changed later must be covered by the
 * caller, or it does not exist for them (404).
 */
public final class Jurisdiction {

    private Jurisdiction() {
    }

    /** The caller of the current request; {@code @Allowed} has made sure there is one. */
    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new UnauthenticatedException(
                "This request needs an authenticated caller."));
    }

    /** The one community a write is for: the caller's, never "all communities". */
    public static String writeCommunity() {
        String community = caller().communityId();
        if (community == null || Caller.ALL_COMMUNITIES.equals(community)) {
            throw InvalidRequestException.of("X-Community-Id", "must name the one community this write is for");
        }
        return community;
    }

    /** 404 unless the caller covers {@code community} (and {@code compound}, if they are limited to some). */
    public static void requireCovers(String community, String compound) {
        caller().requireCovers(community, compound);
    }

    /** Whether the caller covers {@code community} and {@code compound}. */
    public static boolean covers(String community, String compound) {
        return community == null || caller().covers(community, compound);
    }

    /** The community a list is limited to, or null for a county-wide caller (one without a community sees none). */
    public static String listedCommunity() {
        String community = caller().communityId();
        if (community == null) {
            return NO_COMMUNITY;
        }
        return Caller.ALL_COMMUNITIES.equals(community) ? null : community;
    }

    /** A community no one is in: what a caller without one may list. */
    public static final String NO_COMMUNITY = "(none)";
}
