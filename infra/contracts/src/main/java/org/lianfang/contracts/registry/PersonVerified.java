package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The community verified the person's information (核实), and whether they are in home quarantine.
 */
public record PersonVerified(
        PersonId personId,
        boolean inHomeQuarantine,
        String verifiedBy,
        Instant verifiedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
