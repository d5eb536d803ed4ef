package org.lianfang.quarantine.cases.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * When a quarantined person's temperature must be taken: named daily windows (morning and evening
 * by default) in the community's zone. A window with no reading by its close is a missed check.
 *
 * @param windows the daily windows, in the order of the day
 * @param zone    the community's zone
 */
public record CheckSchedulePolicy(List<DailyWindow> windows, ZoneId zone) {

    public static final CheckSchedulePolicy DEFAULT = new CheckSchedulePolicy(List.of(
            new DailyWindow("morning", LocalTime.of(6, 0), LocalTime.of(12, 0)),
            new DailyWindow("evening", LocalTime.of(17, 0), LocalTime.of(22, 0))), ZoneId.of("Asia/Shanghai"));

    /** A window of the day, e.g. morning 06:00–12:00. */
    public record DailyWindow(String name, LocalTime opens, LocalTime closes) {
        public DailyWindow {
            Objects.requireNonNull(name, "name");
            if (!opens.isBefore(closes)) {
                throw new IllegalArgumentException("window " + name + " must open before it closes");
            }
        }
    }

    /** One window on one day; {@link #key()} identifies it for idempotency. */
    public record CheckWindow(String key, Instant opensAt, Instant closesAt) {
    }

    public CheckSchedulePolicy {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one check window a day is needed");
        }
        windows = windows.stream().sorted(Comparator.comparing(DailyWindow::opens)).toList();
    }

    /** The first window that opens at or after {@code instant}. */
    public CheckWindow firstOpeningFrom(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        while (true) {
            for (DailyWindow window : windows) {
                CheckWindow candidate = on(day, window);
                if (!candidate.opensAt().isBefore(instant)) {
                    return candidate;
                }
            }
            day = day.plusDays(1);
        }
    }

    /** The window open at {@code instant}, or else the next one to open. */
    public CheckWindow currentOrNext(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate().minusDays(1);
        while (true) {
            for (DailyWindow window : windows) {
                CheckWindow candidate = on(day, window);
                if (candidate.closesAt().isAfter(instant)) {
                    return candidate;
                }
            }
            day = day.plusDays(1);
        }
    }

    /** The window after {@code window}. */
    public CheckWindow after(CheckWindow window) {
        return firstOpeningFrom(window.opensAt().plusNanos(1));
    }

    private CheckWindow on(LocalDate day, DailyWindow window) {
        return new CheckWindow(day + "/" + window.name(), day.atTime(window.opens()).atZone(zone).toInstant(),
                day.atTime(window.closes()).atZone(zone).toInstant());
    }
}
