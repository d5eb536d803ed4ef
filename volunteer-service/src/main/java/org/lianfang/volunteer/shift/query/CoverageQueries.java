package org.lianfang.volunteer.shift.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** Coverage of a community's open checkpoints over a window, from keyed reads only. */
@Component
public class CoverageQueries {

    private final CheckpointSites checkpoints;
    private final ShiftQueries shifts;

    public CoverageQueries(CheckpointSites checkpoints, ShiftQueries shifts) {
        this.checkpoints = checkpoints;
        this.shifts = shifts;
    }

    /** Every open checkpoint-hour of {@code [from, to)} among the checkpoints {@code visible} lets through. */
    public List<Coverage.Hour> hours(String communityId, Instant from, Instant to, Instant now,
                                     Predicate<CheckpointSites.Site> visible) {
        List<CheckpointSites.Site> open = checkpoints.ofCommunity(communityId).stream()
                .filter(CheckpointSites.Site::open).filter(visible).toList();
        List<ShiftView> planned = shifts.atCheckpoints(open.stream().map(CheckpointSites.Site::id).toList(), from, to);
        List<Coverage.Hour> hours = new ArrayList<>();
        for (CheckpointSites.Site site : open) {
            hours.addAll(Coverage.hours(site.id(), site.name(), planned, from, to, now));
        }
        return hours;
    }
}
