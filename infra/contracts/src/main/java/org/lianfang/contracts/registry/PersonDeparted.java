package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The person was confirmed to have left the community for elsewhere (去向明确).
 */
public record PersonDeparted(
        PersonId personId,
        String destination,
        String recordedBy,
        Instant departedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
