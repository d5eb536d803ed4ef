package org.lianfang.checkpoint.web;

import org.lianfang.checkpoint.checkpoints.query.CheckpointDirectory;
import org.lianfang.checkpoint.checkpoints.query.CheckpointView;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.platform.web.RequestMetadataFilter;

/** Who is calling and where they may act, as every checkpoint controller needs it. */
public final class Jurisdiction {

    /** Everyone who may read checkpoints, crossings, passes and boards within their jurisdiction. */
    public static final Role[] READERS = {Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN};

    /** Checkpoint ids start with it, so no other id ever reaches a checkpoint's stream. */
    public static final String CHECKPOINT_PREFIX = "checkpoint-";

    private Jurisdiction() {
    }

    /** The caller; {@code @Allowed} on every controller guarantees there is one. */
    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("no caller bound; is @Allowed missing?"));
    }

    public static String actor() {
        return RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
    }

    /** The one community a write is made in: the caller's, which must be a single community. */
    public static String writeCommunity() {
        String community = caller().communityId();
        if (community == null || Caller.ALL_COMMUNITIES.equals(community)) {
            throw InvalidRequestException.of(RequestMetadataFilter.COMMUNITY_HEADER,
                    "must name the one community the write is made in");
        }
        return community;
    }

    /** The community whose things a list shows: the caller's ({@code *} = all). */
    public static String readCommunity() {
        String community = caller().communityId();
        if (community == null) {
            throw InvalidRequestException.of(RequestMetadataFilter.COMMUNITY_HEADER, "is required");
        }
        return community;
    }

    /** The checkpoint named in a path, if it exists and the caller covers it; else 404. */
    public static CheckpointView checkpoint(CheckpointDirectory directory, String id) {
        CheckpointView view = id.startsWith(CHECKPOINT_PREFIX) ? directory.find(id).orElse(null) : null;
        if (view == null) {
            throw ResourceNotFoundException.of("checkpoint", id);
        }
        caller().requireCovers(view.communityId(), view.compoundId());
        return view;
    }
}
