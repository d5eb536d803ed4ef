package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A returnee from Hubei/Wuhan was neither reported nor reached by the report deadline.
 */
public record ReportDeadlinePassed(
        PersonId personId,
        Instant deadline,
        Instant noticedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
