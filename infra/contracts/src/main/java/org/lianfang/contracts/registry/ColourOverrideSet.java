package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * Someone set a person's colour by hand. It holds, whatever the rules say, until it is lifted.
 */
public record ColourOverrideSet(
        @DataSubject PersonId personId,
        RiskColour colour,
        @PersonalData String reason,
        String setBy,
        Instant setAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
