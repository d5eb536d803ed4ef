package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A person's quarantine began. The period runs from the arrival date, not from this event, so a
 * returnee registered late does not serve extra days.
 *
 * @param caseId      the case
 * @param personId    the quarantined person (registry's id)
 * @param kind        home or facility
 * @param arrivalDate the day the person arrived; day 1 of the period
 * @param endsAt      when the period ends (midnight in the community's zone, as UTC)
 * @param reason      why the quarantine started, e.g. "returned from WUHAN"
 * @param startedBy   who started it: an operator, or {@code registry} when started automatically
 * @param startedAt   when the case was opened
 */
public record QuarantineStarted(
        QuarantineCaseId caseId,
        String personId,
        QuarantineKind kind,
        LocalDate arrivalDate,
        Instant endsAt,
        String reason,
        String startedBy,
        Instant startedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
