package org.lianfang.volunteer.board.web;

import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.volunteer.config.VolunteerSettings;
import org.lianfang.volunteer.delivery.query.DeliveryQueries;
import org.lianfang.volunteer.disinfection.query.DisinfectionQueries;
import org.lianfang.volunteer.shift.query.Coverage;
import org.lianfang.volunteer.shift.query.CoverageQueries;
import org.lianfang.volunteer.support.web.Jurisdiction;
import org.lianfang.volunteer.support.web.Requests;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The volunteer board of a community, for the command post: checkpoint coverage gaps this hour,
 * today's deliveries (and the orders still open), and today's disinfection rounds done and missing.
 */
@RestController
@RequestMapping(path = "/api/v1/boards/volunteers", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class BoardController {

    private final CoverageQueries coverage;
    private final DeliveryQueries deliveries;
    private final DisinfectionQueries disinfections;
    private final VolunteerSettings settings;
    private final Clock clock;

    BoardController(CoverageQueries coverage, DeliveryQueries deliveries, DisinfectionQueries disinfections,
                    VolunteerSettings settings, Clock clock) {
        this.coverage = coverage;
        this.deliveries = deliveries;
        this.disinfections = disinfections;
        this.settings = settings;
        this.clock = clock;
    }

    /** The board. */
    record Board(String communityId, Instant asOf, CoverageNow coverage, DeliveriesToday deliveries,
                 RoundsToday disinfection) {
    }

    /** This hour at every open checkpoint, and which of them are gaps. */
    record CoverageNow(Instant hour, int openCheckpoints, List<Coverage.Hour> gaps) {
    }

    /** Today's deliveries and the orders still waiting for a volunteer's work. */
    record DeliveriesToday(LocalDate date, int ordered, int delivered, int confirmed, int cancelled, int open) {
    }

    /** Today's rounds per building. */
    record RoundsToday(LocalDate date, int buildings, int complete, int roundsDone, int roundsMissing,
                       List<DisinfectionQueries.BuildingDay> incomplete) {
    }

    @GetMapping
    Board board(@RequestParam(required = false) @Size(max = 128) String communityId) {
        String community = Jurisdiction.readingCommunity(communityId);
        Caller caller = Requests.caller();
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        List<Coverage.Hour> hours = coverage.hours(community, hour, hour.plus(Duration.ofHours(1)), now,
                s -> caller.covers(s.communityId(), s.compoundId()));
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        DeliveryQueries.DayCount count = deliveries.perDay(community, today, today).get(0);
        int open = (int) deliveries.load(List.copyOf(deliveries.openIds(community, null))).stream()
                .filter(d -> caller.covers(d.communityId(), d.compoundId())).count();
        List<DisinfectionQueries.BuildingDay> buildings = disinfections.day(community, null, today).stream()
                .filter(b -> caller.covers(community, b.compoundId())).toList();
        return new Board(community, now,
                new CoverageNow(hour, hours.size(), hours.stream().filter(h -> h.gap() != null).toList()),
                new DeliveriesToday(today, count.ordered(), count.delivered(), count.confirmed(), count.cancelled(), open),
                new RoundsToday(today, buildings.size(),
                        (int) buildings.stream().filter(DisinfectionQueries.BuildingDay::complete).count(),
                        buildings.stream().mapToInt(DisinfectionQueries.BuildingDay::done).sum(),
                        buildings.stream().mapToInt(DisinfectionQueries.BuildingDay::missing).sum(),
                        buildings.stream().filter(b -> !b.complete()).toList()));
    }
}
