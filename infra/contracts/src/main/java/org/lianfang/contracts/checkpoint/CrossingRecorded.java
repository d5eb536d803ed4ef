package org.lianfang.contracts.checkpoint;

import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A person or vehicle crossed a checkpoint (出入登记). Published: part of every named person's
 * trail, and what contact tracing reads.
 *
 * @param ruleVersion the version of the gate rules that let it through
 * @param flags       what the staff must follow up, e.g. {@code UNREGISTERED_ARRIVAL}
 */
public record CrossingRecorded(CrossingDetails crossing, String ruleVersion, List<String> flags)
        implements PersonScoped {

    public CrossingRecorded {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    @Override
    public List<String> personIds() {
        return crossing.personIds();
    }
}
