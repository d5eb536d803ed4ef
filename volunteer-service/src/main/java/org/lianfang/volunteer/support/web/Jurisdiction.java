package org.lianfang.volunteer.support.web;

import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Caller;

/** Which community a list is read for: the caller's own, or for county-wide callers the one they name. */
public final class Jurisdiction {

    private Jurisdiction() {
    }

    public static String readingCommunity(String requested) {
        Caller caller = Requests.caller();
        if (requested != null && !requested.isBlank()) {
            caller.requireCovers(requested);
            return requested;
        }
        String own = caller.communityId();
        if (own == null || Caller.ALL_COMMUNITIES.equals(own)) {
            throw InvalidRequestException.of("communityId", "is required for callers of more than one community");
        }
        return own;
    }
}
