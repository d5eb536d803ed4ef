package org.lianfang.quarantine.cases.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * How long quarantine lasts (隔离期). It runs from the arrival date, which is day 1, for
 * {@code days} days, and ends at midnight after the last day in the community's time zone; the
 * instant is stored as UTC. Arriving on 24 January with 14 days ends at 2020-02-07T00:00+08:00.
 *
 * @param days the standard length of the period
 * @param zone the community's zone, where "a day" is counted
 */
public record QuarantinePeriodPolicy(int days, ZoneId zone) {

    /** The Chinese community default: 14 days, Asia/Shanghai. */
    public static final QuarantinePeriodPolicy DEFAULT = new QuarantinePeriodPolicy(14, ZoneId.of("Asia/Shanghai"));

    public QuarantinePeriodPolicy {
        if (days < 1) {
            throw new IllegalArgumentException("a quarantine period must last at least one day");
        }
    }

    /** The start of the period: midnight of the arrival date in the community's zone. */
    public Instant startsAt(LocalDate arrivalDate) {
        return arrivalDate.atStartOfDay(zone).toInstant();
    }

    /** The end of the period with {@code extraDays} of extensions added. */
    public Instant endsAt(LocalDate arrivalDate, int extraDays) {
        return arrivalDate.plusDays((long) days + extraDays).atStartOfDay(zone).toInstant();
    }

    /** The end after adding {@code days} to a period that currently ends at {@code currentEnd}. */
    public Instant extend(Instant currentEnd, int extraDays) {
        return currentEnd.atZone(zone).plusDays(extraDays).toInstant();
    }

    /** Which day of the period {@code now} falls on, counting the arrival date as day 1. */
    public long dayNumber(LocalDate arrivalDate, Instant now) {
        return ChronoUnit.DAYS.between(arrivalDate, now.atZone(zone).toLocalDate()) + 1;
    }

    /** How many days the period lasts from arrival to {@code endsAt}. */
    public long totalDays(LocalDate arrivalDate, Instant endsAt) {
        return ChronoUnit.DAYS.between(arrivalDate, endsAt.atZone(zone).toLocalDate());
    }
}
