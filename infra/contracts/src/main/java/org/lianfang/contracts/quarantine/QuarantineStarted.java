package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PurposeStarts;

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
 * @param communityId the community (社区) the person is quarantined in; null on events written
 *                    before it was recorded
 * @param compoundId  the residential compound (小区), or null if unknown
 */
@PurposeStarts("quarantine")
public record QuarantineStarted(
        QuarantineCaseId caseId,
        String personId,
        QuarantineKind kind,
        LocalDate arrivalDate,
        Instant endsAt,
        String reason,
        String startedBy,
        Instant startedAt,
        String communityId,
        String compoundId) implements PersonScoped {

    /** The shape before the community was recorded; kept so existing callers compile unchanged. */
    public QuarantineStarted(QuarantineCaseId caseId, String personId, QuarantineKind kind, LocalDate arrivalDate,
                             Instant endsAt, String reason, String startedBy, Instant startedAt) {
        this(caseId, personId, kind, arrivalDate, endsAt, reason, startedBy, startedAt, null, null);
    }

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
