package org.lianfang.volunteer.support.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.UnauthenticatedException;
import org.lianfang.volunteer.support.InvalidInputException;

/** What every controller needs from the request: the caller, the actor, and commands sent with 400s mapped. */
public final class Requests {

    private Requests() {
    }

    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new UnauthenticatedException("This request needs an authenticated caller."));
    }

    public static String actor() {
        return RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
    }

    /** The one community a write is for: the caller's, which must be a single community. */
    public static String writingCommunity() {
        String community = caller().communityId();
        if (community == null || Caller.ALL_COMMUNITIES.equals(community)) {
            throw InvalidRequestException.of("X-Community-Id", "must name the one community this write is for");
        }
        return community;
    }

    /** Sends and waits; a domain refusal of a value becomes a 400 naming the field. */
    public static <R> R send(CommandGateway commands, Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (InvalidInputException e) {
            throw InvalidRequestException.of(e.field(), e.getMessage());
        }
    }
}
