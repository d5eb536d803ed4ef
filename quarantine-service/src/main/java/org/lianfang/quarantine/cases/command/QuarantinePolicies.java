package org.lianfang.quarantine.cases.command;

import java.util.Objects;

/** The rules a quarantine case is judged by, as one injectable value with their parameters. */
public record QuarantinePolicies(QuarantinePeriodPolicy period, CompletionPolicy completion, FeverPolicy fever,
                                 ReadingValidity readings, CheckSchedulePolicy checks,
                                 ReferralPolicy referrals) {

    public static final QuarantinePolicies DEFAULT = new QuarantinePolicies(QuarantinePeriodPolicy.DEFAULT,
            CompletionPolicy.DEFAULT, FeverPolicy.DEFAULT, ReadingValidity.DEFAULT, CheckSchedulePolicy.DEFAULT,
            ReferralPolicy.DEFAULT);

    public QuarantinePolicies {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(fever, "fever");
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(referrals, "referrals");
    }
}
