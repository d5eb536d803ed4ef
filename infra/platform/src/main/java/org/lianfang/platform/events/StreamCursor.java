package org.lianfang.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.lianfang.platform.problem.InvalidRequestException;

/**
 * A position in one service's event stream, as an opaque string: the tracking token (index and the
 * gaps still open below it), so a reader resumes exactly — a commit that becomes visible late fills
 * its gap and is delivered then, once.
 */
public final class StreamCursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 64 * 1024;

    private StreamCursor() {
    }

    public static String encode(TrackingToken token) {
        if (token == null) {
            return "";
        }
        GapAwareTrackingToken gapAware = (GapAwareTrackingToken) WrappedToken.unwrapLowerBound(token);
        ObjectNode node = JSON.createObjectNode();
        node.put("i", gapAware.getIndex());
        ArrayNode gaps = node.putArray("g");
        gapAware.getGaps().forEach(gaps::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The token of {@code cursor}; null (from the start) for an empty one; 400 for a malformed one. */
    public static GapAwareTrackingToken decode(String cursor, String parameter) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw InvalidRequestException.of(parameter, "is not a cursor this stream gave out");
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (!node.path("i").canConvertToLong() || !node.path("g").isArray()) {
                throw InvalidRequestException.of(parameter, "is not a cursor this stream gave out");
            }
            TreeSet<Long> gaps = new TreeSet<>();
            node.path("g").forEach(g -> gaps.add(g.asLong()));
            return GapAwareTrackingToken.newInstance(node.path("i").asLong(), gaps);
        } catch (IllegalArgumentException | IOException e) {
            throw InvalidRequestException.of(parameter, "is not a cursor this stream gave out");
        }
    }
}
