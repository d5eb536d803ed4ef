package org.lianfang.volunteer.shift.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Staffing of checkpoints hour by hour: for each open checkpoint and hour, how many volunteers the
 * shifts covering that hour need, how many are assigned and how many are on duty. An hour is a gap
 * when no shift covers it, when fewer are assigned than needed, or — once the hour has begun — when
 * fewer are on duty than needed.
 */
public final class Coverage {

    /** Why an hour is a gap. */
    public enum GapReason { NO_SHIFT, UNDERSTAFFED, NOT_ON_DUTY }

    /** One checkpoint-hour. {@code gap} is null when it is covered. */
    public record Hour(String checkpointId, String checkpointName, Instant hour, int required, int assigned,
                       int onDuty, GapReason gap) {
    }

    private Coverage() {
    }

    /** The hours of {@code [from, to)} (whole hours, UTC) at one checkpoint. */
    public static List<Hour> hours(String checkpointId, String checkpointName, List<ShiftView> shifts, Instant from,
                                   Instant to, Instant now) {
        List<Hour> hours = new ArrayList<>();
        for (Instant h = from.truncatedTo(ChronoUnit.HOURS); h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            Instant start = h;
            Instant end = h.plus(Duration.ofHours(1));
            int required = 0;
            int assigned = 0;
            int onDuty = 0;
            boolean covered = false;
            for (ShiftView shift : shifts) {
                if (!shift.checkpointId().equals(checkpointId) || !shift.startsAt().isBefore(end)
                        || !shift.endsAt().isAfter(start)) {
                    continue;
                }
                covered = true;
                required += shift.requiredHeadcount();
                assigned += shift.assignments().size();
                onDuty += (int) shift.assignments().stream().filter(a -> a.checkedInAt() != null
                        && a.checkedInAt().isBefore(end)
                        && (a.checkedOutAt() == null || a.checkedOutAt().isAfter(start))).count();
            }
            GapReason gap = null;
            if (!covered) {
                gap = GapReason.NO_SHIFT;
            } else if (assigned < required) {
                gap = GapReason.UNDERSTAFFED;
            } else if (!now.isBefore(start) && onDuty < required) {
                gap = GapReason.NOT_ON_DUTY;
            }
            hours.add(new Hour(checkpointId, checkpointName, start, required, assigned, onDuty, gap));
        }
        return hours;
    }
}
