package org.lianfang.checkpoint.crossing.command;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A crossing's id is a name-based UUID of (community, tablet, the tablet's local sequence): the
 * tablet numbers its records before it uploads them, so however often an upload is retried, and
 * on whichever instance, it names the same crossing.
 */
public final class CrossingIds {

    private CrossingIds() {
    }

    public static String of(String communityId, String tabletId, long sequence) {
        return "crossing-" + UUID.nameUUIDFromBytes(("crossing\n" + communityId + "\n" + tabletId + "\n" + sequence)
                .getBytes(StandardCharsets.UTF_8));
    }
}
