package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * One exit of a pass was spent by a crossing.
 *
 * @param period which limit period (0 = the first {@code periodDays} from valid-from) the exit counts in
 */
public record PassUsed(String passId, String crossingId, List<String> personIds, Instant occurredAt, long period)
        implements PersonScoped {

    public PassUsed {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
    }
}
