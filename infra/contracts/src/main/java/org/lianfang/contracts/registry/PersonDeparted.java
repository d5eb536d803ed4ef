package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * The person was confirmed to have left the community for elsewhere (去向明确).
 */
public record PersonDeparted(
        @DataSubject PersonId personId,
        @PersonalData String destination,
        String recordedBy,
        Instant departedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
