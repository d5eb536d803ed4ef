package org.lianfang.volunteer.volunteer.command;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * A volunteer holds no two overlapping shifts: staff must be able to rest, and nobody stands at
 * two checkpoints at once. Shifts that only touch (one ends as the next starts) do not overlap.
 */
public final class ShiftOverlapPolicy {

    public static final String RULE = "overlapping-shifts";

    private ShiftOverlapPolicy() {
    }

    /** The first held shift that overlaps {@code [startsAt, endsAt)}, if any. */
    public static Optional<Commitment> conflict(Collection<Commitment> held, Instant startsAt, Instant endsAt) {
        return held.stream()
                .filter(c -> startsAt.isBefore(c.endsAt()) && c.startsAt().isBefore(endsAt))
                .findFirst();
    }
}
