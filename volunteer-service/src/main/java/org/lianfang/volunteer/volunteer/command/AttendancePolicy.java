package org.lianfang.volunteer.volunteer.command;

import java.time.Duration;
import java.time.Instant;

/**
 * When a volunteer may check in on a shift and how the check-in is judged. Up to an hour early is
 * fine (handing over takes time); after the shift has ended there is nothing to check in to. A
 * check-in more than {@code lateAfter} past the start is late; a shift that began more than
 * {@code lateAfter} ago with no check-in is missing.
 */
public final class AttendancePolicy {

    public static final Duration EARLIEST = Duration.ofHours(1);
    public static final String TOO_EARLY = "check-in-too-early";
    public static final String SHIFT_OVER = "shift-over";

    /** How a volunteer's attendance of one shift stands. */
    public enum Status { UPCOMING, ON_TIME, LATE, MISSING, DUE }

    private AttendancePolicy() {
    }

    /** The refused rule for a check-in at {@code at}, or null if it may be recorded. */
    public static String refusal(Instant startsAt, Instant endsAt, Instant at) {
        if (at.isBefore(startsAt.minus(EARLIEST))) {
            return TOO_EARLY;
        }
        if (!at.isBefore(endsAt)) {
            return SHIFT_OVER;
        }
        return null;
    }

    /**
     * @param checkedInAt null if not checked in
     * @return UPCOMING before the start, DUE within the grace period, then MISSING; ON_TIME or
     *         LATE once checked in
     */
    public static Status status(Instant startsAt, Instant checkedInAt, Instant now, Duration lateAfter) {
        Instant deadline = startsAt.plus(lateAfter);
        if (checkedInAt != null) {
            return checkedInAt.isAfter(deadline) ? Status.LATE : Status.ON_TIME;
        }
        if (now.isBefore(startsAt)) {
            return Status.UPCOMING;
        }
        return now.isAfter(deadline) ? Status.MISSING : Status.DUE;
    }
}
