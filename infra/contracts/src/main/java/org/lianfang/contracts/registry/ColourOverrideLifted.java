package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A manual colour was lifted: the rules decide the colour again.
 */
public record ColourOverrideLifted(
        @DataSubject PersonId personId,
        @PersonalData String reason,
        String liftedBy,
        Instant liftedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
