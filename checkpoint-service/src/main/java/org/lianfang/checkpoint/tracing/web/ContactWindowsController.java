package org.lianfang.checkpoint.tracing.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lianfang.checkpoint.checkpoints.query.CheckpointDirectory;
import org.lianfang.checkpoint.duty.query.DutyRoster;
import org.lianfang.checkpoint.people.GatePeople;
import org.lianfang.checkpoint.tracing.query.CrossingEntry;
import org.lianfang.checkpoint.tracing.query.CrossingTraceQueries;
import org.lianfang.checkpoint.web.Jurisdiction;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/tracing/windows?personIds=a,b&from=&to=&windowSeconds=}: for contact tracing,
 * one level of the graph in one call — each person's crossings in {@code [from, to)}, and for each
 * crossing everyone who crossed the same checkpoint within ±window and the volunteers on duty there
 * then. The gateway asked this before as one call per person plus two per crossing; at depth 2 over
 * a busy month that was hundreds of calls. Only what tracing needs of each crossing is answered.
 * Checkpoints outside the caller's jurisdiction are named in {@code unreadableCheckpoints}, their
 * windows left empty.
 */
@RestController
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class ContactWindowsController {

    /** People per call: the gateway sends a level in chunks of this size. */
    static final int MAX_PEOPLE = 100;
    static final Duration MAX_PERIOD = Duration.ofDays(31);
    static final Duration MAX_WINDOW = Duration.ofHours(24);
    /** Crossings per person, and crossings in one window, beyond which the answer says it was cut. */
    static final int MAX_CROSSINGS = 2_000;
    static final int MAX_NEARBY = 2_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private final CrossingTraceQueries traces;
    private final DutyRoster roster;
    private final GatePeople people;
    private final CheckpointDirectory checkpoints;

    ContactWindowsController(CrossingTraceQueries traces, DutyRoster roster, GatePeople people,
                             CheckpointDirectory checkpoints) {
        this.traces = traces;
        this.roster = roster;
        this.people = people;
        this.checkpoints = checkpoints;
    }

    /** Someone who crossed near one of the person's crossings; {@code occupants} for a vehicle. */
    record Nearby(String id, String personId, List<String> occupants, String decision, Instant occurredAt) {
        static Nearby of(CrossingEntry e) {
            return new Nearby(e.crossingId(), e.personId(), e.occupantPersonIds(), e.allowed() ? "ALLOWED" : "DENIED",
                    e.occurredAt());
        }
    }

    record Crossing(String id, String checkpointId, Instant occurredAt, List<Nearby> nearby, boolean nearbyTruncated,
                    List<DutyRoster.Duty> onDuty) {
    }

    record Person(String personId, List<Crossing> crossings, boolean truncated) {
    }

    record Windows(Instant from, Instant to, long windowSeconds, List<Person> persons,
                   List<String> unreadableCheckpoints) {
    }

    @GetMapping(path = "/api/v1/internal/tracing/windows", produces = MediaType.APPLICATION_JSON_VALUE)
    Windows windows(@RequestParam(required = false) String personIds, @RequestParam(required = false) Instant from,
                    @RequestParam(required = false) Instant to,
                    @RequestParam(required = false, defaultValue = "900") long windowSeconds) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        if (personIds == null || personIds.isBlank()) {
            problems.add(new FieldProblem("personIds", "is required: person ids separated by commas"));
        } else {
            for (String id : personIds.split(",", -1)) {
                if (!ID.matcher(id).matches()) {
                    problems.add(new FieldProblem("personIds", "'" + (id.length() > 64 ? id.substring(0, 64) + "…" : id)
                            + "' is not a person id (1 to 64 of letters, digits and . _ : @ -)"));
                    break;
                }
                ids.add(id);
            }
            if (ids.size() > MAX_PEOPLE) {
                problems.add(new FieldProblem("personIds", "at most " + MAX_PEOPLE + " people per call"));
            }
        }
        if (from == null) {
            problems.add(new FieldProblem("from", "is required"));
        }
        if (to == null) {
            problems.add(new FieldProblem("to", "is required"));
        }
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                problems.add(new FieldProblem("to", "must be after from"));
            } else if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
                problems.add(new FieldProblem("to", "the period may be at most " + MAX_PERIOD.toDays() + " days"));
            }
        }
        if (windowSeconds < 1 || windowSeconds > MAX_WINDOW.toSeconds()) {
            problems.add(new FieldProblem("windowSeconds", "must be 1 to " + MAX_WINDOW.toSeconds()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Caller caller = Jurisdiction.caller();
        List<String> asked = List.copyOf(ids);
        Map<String, String> hashes = people.idHashesOf(asked);
        Map<String, Optional<String>> withHashes = new LinkedHashMap<>();
        asked.forEach(id -> withHashes.put(id, Optional.ofNullable(hashes.get(id))));
        Set<String> unreadable = new java.util.TreeSet<>();
        List<CrossingTraceQueries.PersonWindows> found = traces.windows(withHashes, from, to,
                Duration.ofSeconds(windowSeconds), e -> caller.covers(e.communityId()), checkpointId -> {
                    boolean covered = checkpoints.find(checkpointId)
                            .map(c -> caller.covers(c.communityId(), c.compoundId())).orElse(false);
                    if (!covered) {
                        unreadable.add(checkpointId);
                    }
                    return covered;
                }, MAX_CROSSINGS, MAX_NEARBY);
        List<DutyRoster.Moment> moments = found.stream().flatMap(p -> p.windows().stream())
                .filter(w -> !unreadable.contains(w.crossing().checkpointId()))
                .map(w -> new DutyRoster.Moment(w.crossing().checkpointId(), w.crossing().occurredAt())).toList();
        Map<DutyRoster.Moment, List<DutyRoster.Duty>> duty = roster.onDuty(moments);
        List<Person> persons = found.stream().map(p -> new Person(p.personId(), p.windows().stream().map(w -> {
            CrossingEntry e = w.crossing();
            return new Crossing(e.crossingId(), e.checkpointId(), e.occurredAt(),
                    w.nearby().stream().map(Nearby::of).toList(), w.nearbyTruncated(),
                    duty.getOrDefault(new DutyRoster.Moment(e.checkpointId(), e.occurredAt()), List.of()));
        }).toList(), p.truncated())).toList();
        return new Windows(from, to, windowSeconds, persons, List.copyOf(unreadable));
    }
}
