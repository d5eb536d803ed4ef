package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A check window passed without a temperature reading. Raised once per case and window, however
 * often the deadline is swept and across restarts.
 *
 * @param window     the window's stable key, {@code <date>/<name>} in the community's zone, e.g. {@code 2020-01-25/morning}
 * @param opensAt    when the window opened
 * @param closesAt   when it closed
 * @param detectedAt when the miss was noticed
 */
public record CheckMissed(
        QuarantineCaseId caseId,
        String personId,
        String window,
        Instant opensAt,
        Instant closesAt,
        Instant detectedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
