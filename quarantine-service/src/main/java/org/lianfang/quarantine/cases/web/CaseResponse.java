package org.lianfang.quarantine.cases.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import org.lianfang.quarantine.cases.command.QuarantinePeriodPolicy;
import org.lianfang.quarantine.cases.query.CaseView;

/**
 * A case as clients see it: the timeline plus where it stands today, "day {@code day} of
 * {@code totalDays}" (the arrival date is day 1; extensions lengthen the total).
 */
record CaseResponse(@JsonUnwrapped CaseView quarantine, long day, long totalDays) {

    static CaseResponse of(CaseView view, QuarantinePeriodPolicy period, Instant now) {
        Instant asOf = view.endedAt() != null ? view.endedAt() : now;
        long total = period.totalDays(view.arrivalDate(), view.endsAt());
        long day = Math.max(1, Math.min(period.dayNumber(view.arrivalDate(), asOf), total));
        return new CaseResponse(view, day, total);
    }
}
