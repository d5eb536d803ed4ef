package org.lianfang.checkpoint.tracing.query;

import com.mongodb.client.MongoDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The checkpoints board for one (UTC) day: in/out per checkpoint per hour, denials by rule, fevers.
 * Reads 24 hour buckets per checkpoint by {@code _id} in one {@code $in} (and the further pages of a
 * busy hour in a second); counts are made on read from entries keyed by crossing id, so the
 * projection stays idempotent without counters.
 */
@Component
public class CheckpointBoard {

    private final PagedBuckets hours;

    public CheckpointBoard(MongoDatabase serviceDatabase) {
        this.hours = new PagedBuckets(serviceDatabase.getCollection(CrossingTraces.BOARD_HOURS), "c",
                CrossingTraces.BOARD_PAGE);
    }

    /** One hour at one checkpoint; {@code in}/{@code out} count allowed crossings. */
    public record Hour(String hour, int in, int out, int denied) {
    }

    /** One checkpoint's day. */
    public record Row(String checkpointId, int in, int out, int denied, int fevers, Map<String, Integer> deniedByRule,
                      List<Hour> hours) {
    }

    /**
     * A crossing as the board counts it, {@code direction|allowed|rule|flags} (e.g. {@code OUT|0|fever-at-gate|FEVER}):
     * one string instead of a sub-document, because the store copies the whole hour document at every
     * update, and a busy hour holds a crossing every minute.
     */
    static String entry(CrossingEntry e) {
        return e.direction().name() + "|" + (e.allowed() ? "1" : "0") + "|" + (e.rule() == null ? "" : e.rule()) + "|"
                + String.join(",", e.flags());
    }

    public Row day(String checkpointId, LocalDate day) {
        List<String> ids = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            ids.add(TracingKeys.boardHour(checkpointId, day + "T" + (h < 10 ? "0" : "") + h));
        }
        Map<String, Map<String, Object>> found = hours.read(ids);
        List<Hour> rows = new ArrayList<>();
        Map<String, Integer> byRule = new TreeMap<>();
        int in = 0;
        int out = 0;
        int denied = 0;
        int fevers = 0;
        for (String id : ids) {
            Map<String, Object> entries = found.get(id);
            if (entries == null) {
                continue;
            }
            int hourIn = 0;
            int hourOut = 0;
            int hourDenied = 0;
            for (Object value : entries.values()) {
                String[] c = ((String) value).split("\\|", -1);
                if (List.of(c[3].split(",")).contains("FEVER")) {
                    fevers++;
                }
                if (!"1".equals(c[1])) {
                    hourDenied++;
                    byRule.merge(c[2], 1, Integer::sum);
                } else if ("IN".equals(c[0])) {
                    hourIn++;
                } else {
                    hourOut++;
                }
            }
            rows.add(new Hour(id.substring(id.lastIndexOf('|') + 1), hourIn, hourOut, hourDenied));
            in += hourIn;
            out += hourOut;
            denied += hourDenied;
        }
        return new Row(checkpointId, in, out, denied, fevers, byRule, rows);
    }
}
