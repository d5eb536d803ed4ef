package org.lianfang.platform.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * When a person may be erased (purpose limitation): not while any purpose that keeps them is
 * open (a quarantine in progress), and not before each ended purpose's legal retention period
 * has run out. A person no purpose ever kept may be erased at once.
 */
public final class RetentionPolicy {

    public static final String PURPOSE_ONGOING = "erasure-purpose-ongoing";
    public static final String RETENTION_PERIOD = "erasure-retention-period";

    private RetentionPolicy() {
    }

    /**
     * @param erasable     whether erasure is allowed now
     * @param erasableFrom when it becomes allowed (null while a purpose is open; null if no purpose ever kept them)
     * @param rule         the rule that forbids it, or null
     * @param detail       why, in words
     */
    public record Verdict(boolean erasable, Instant erasableFrom, String rule, String detail) {
    }

    public static Verdict judge(PurposeFacts facts, Function<String, Duration> retention, Instant now) {
        for (String purpose : facts.started().keySet()) {
            if (facts.isOpen(purpose)) {
                return new Verdict(false, null, PURPOSE_ONGOING,
                        "the person is still kept for an open " + purpose + "; erase them after it ends and its "
                                + "retention period has run out");
            }
        }
        Instant from = null;
        String binding = null;
        for (Map.Entry<String, Instant> ended : facts.ended().entrySet()) {
            Instant until = ended.getValue().plus(retention.apply(ended.getKey()));
            if (from == null || until.isAfter(from)) {
                from = until;
                binding = ended.getKey();
            }
        }
        if (from != null && now.isBefore(from)) {
            return new Verdict(false, from, RETENTION_PERIOD, "the " + binding + " record must be kept until " + from
                    + " (its retention period of " + retention.apply(binding).toDays() + " days)");
        }
        return new Verdict(true, from, null, null);
    }
}
