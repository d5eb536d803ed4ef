package org.lianfang.checkpoint.crossing.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lianfang.checkpoint.checkpoints.query.CheckpointDirectory;
import org.lianfang.checkpoint.checkpoints.query.CheckpointView;
import org.lianfang.checkpoint.crossing.command.CrossingInput;
import org.lianfang.checkpoint.crossing.command.GateKeeper;
import org.lianfang.checkpoint.crossing.query.CrossingQueries;
import org.lianfang.checkpoint.crossing.query.CrossingView;
import org.lianfang.checkpoint.gate.CrossingInputRules;
import org.lianfang.checkpoint.people.GatePeople;
import org.lianfang.checkpoint.tracing.query.CrossingTraceQueries;
import org.lianfang.checkpoint.tracing.query.TraceCursor;
import org.lianfang.checkpoint.tracing.query.TracePage;
import org.lianfang.checkpoint.web.Jurisdiction;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.platform.idempotency.ResponseSubject;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Crossings: recorded by operators at a checkpoint (201, or 200 with the first answer for a retried
 * tablet sequence; a denial is a recorded crossing too), read by checkpoint and time window or by
 * person for contact tracing, in the order they happened at the gate.
 */
@RestController
@Validated
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class CrossingController {

    /** The longest window one request may trace; longer questions are asked window by window. */
    static final Duration MAX_WINDOW = Duration.ofDays(31);

    private final CheckpointDirectory checkpoints;
    private final GateKeeper gate;
    private final CrossingQueries crossings;
    private final CrossingTraceQueries traces;
    private final CrossingInputRules inputRules;
    private final GatePeople people;
    private final Clock clock;
    private final ZoneId communityZone;

    CrossingController(CheckpointDirectory checkpoints, GateKeeper gate, CrossingQueries crossings,
                       CrossingTraceQueries traces, CrossingInputRules inputRules, GatePeople people, Clock clock,
                       ZoneId communityZone) {
        this.checkpoints = checkpoints;
        this.gate = gate;
        this.crossings = crossings;
        this.traces = traces;
        this.inputRules = inputRules;
        this.people = people;
        this.clock = clock;
        this.communityZone = communityZone;
    }

    /** A page of crossings. */
    record Page(List<CrossingItem> items, String nextCursor) {
        static Page of(TracePage page) {
            return new Page(page.items().stream().map(CrossingItem::of).toList(), page.nextCursor());
        }
    }

    @PostMapping(path = "/api/v1/checkpoints/{id}/crossings", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<CrossingResponse> record(@PathVariable String id, @Valid @RequestBody CrossingRequest request) {
        CrossingInput input = validated(id, request);
        CheckpointView checkpoint = Jurisdiction.checkpoint(checkpoints, id);
        GateKeeper.Outcome outcome = gate.record(checkpoint, input);
        String crossingId = outcome.crossing().details().crossingId();
        String personId = outcome.crossing().details().personId();
        ResponseSubject.set(personId != null ? personId
                : input.residentIdNumber() != null ? UnregisteredArrivalDetected.subjectOf(crossingId) : null);
        return ResponseEntity.status(outcome.recorded() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/crossings/" + crossingId))
                .body(CrossingResponse.of(outcome.crossing()));
    }

    @GetMapping(path = "/api/v1/crossings/{crossingId}", produces = MediaType.APPLICATION_JSON_VALUE)
    CrossingResponse get(@PathVariable String crossingId) {
        CrossingView view = crossingId.startsWith("crossing-") ? crossings.find(crossingId).orElse(null) : null;
        if (view == null) {
            throw ResourceNotFoundException.of("crossing", crossingId);
        }
        Jurisdiction.caller().requireCovers(view.details().communityId(), view.details().compoundId());
        return CrossingResponse.of(view);
    }

    /** Who crossed checkpoint {@code id} in {@code [from, to)}, in the order it happened. */
    @GetMapping(path = "/api/v1/checkpoints/{id}/crossings", produces = MediaType.APPLICATION_JSON_VALUE)
    Page atCheckpoint(@PathVariable String id, @RequestParam Instant from, @RequestParam Instant to,
                      @RequestParam(required = false) @Size(max = 200) String cursor,
                      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        if (!to.isAfter(from)) {
            throw InvalidRequestException.of("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw InvalidRequestException.of("to", "the window may be at most " + MAX_WINDOW.toDays() + " days");
        }
        Jurisdiction.checkpoint(checkpoints, id);
        return Page.of(traces.atCheckpoint(id, from, to, cursor(cursor), limit));
    }

    /**
     * Every crossing of a person the caller may see, in the order it happened, including those
     * recorded by ID number before the registry knew them; with {@code from} and/or {@code to},
     * only those that happened in {@code [from, to)} (only those days' buckets are read).
     */
    @GetMapping(path = "/api/v1/crossings", produces = MediaType.APPLICATION_JSON_VALUE)
    Page ofPerson(@RequestParam @Size(min = 1, max = 64) String personId,
                  @RequestParam(required = false) Instant from,
                  @RequestParam(required = false) Instant to,
                  @RequestParam(required = false) @Size(max = 200) String cursor,
                  @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw InvalidRequestException.of("to", "must be after from");
        }
        Caller caller = Jurisdiction.caller();
        return Page.of(traces.ofPerson(personId, people.idHashOf(personId), from, to, cursor(cursor), limit,
                entry -> caller.covers(entry.communityId())));
    }

    private static Optional<TraceCursor> cursor(String text) {
        try {
            return TraceCursor.parse(text);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("cursor", "is not a cursor this service returned");
        }
    }

    /**
     * As the registry refuses (its {@code ValidResidentIdNumber}): no birth date after tomorrow in
     * China — a gate must not let in, and so register, an arrival the registry would refuse.
     */
    private LocalDate latestBirthDate() {
        return LocalDate.now(clock.withZone(communityZone)).plusDays(1);
    }

    private CrossingInput validated(String checkpointId, CrossingRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        ResidentIdNumber idNumber = null;
        boolean person = r.subject() == CrossingSubject.PERSON;
        if (person) {
            if ((r.personId() == null) == (r.residentIdNumber() == null)) {
                problems.add(new FieldProblem("personId", "give either personId or residentIdNumber"));
            }
            if (r.residentIdNumber() != null) {
                String number = r.residentIdNumber().toUpperCase();
                Optional<String> problem = ResidentIdNumber.problemWith(number, latestBirthDate());
                if (problem.isPresent()) {
                    problems.add(new FieldProblem("residentIdNumber", problem.get()));
                } else {
                    idNumber = ResidentIdNumber.of(number);
                }
            }
            if (r.plate() != null) {
                problems.add(new FieldProblem("plate", "only for a vehicle"));
            }
            if (r.occupants() != null && !r.occupants().isEmpty()) {
                problems.add(new FieldProblem("occupants", "only for a vehicle"));
            }
        } else {
            if (!CrossingInputRules.isPlate(r.plate())) {
                problems.add(new FieldProblem("plate", r.plate() == null ? "is required for a vehicle"
                        : "is not a mainland plate (e.g. 豫R12345)"));
            }
            if (r.personId() != null || r.residentIdNumber() != null) {
                problems.add(new FieldProblem(r.personId() != null ? "personId" : "residentIdNumber",
                        "list a vehicle's people in occupants"));
            }
        }
        inputRules.problemsWith(r.temperatureCelsius(), person, r.occurredAt(), clock.instant())
                .forEach(p -> problems.add(new FieldProblem(p.field(), p.reason())));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String operator = r.operator() == null || r.operator().isBlank() ? Jurisdiction.actor() : r.operator().strip();
        return new CrossingInput(checkpointId, r.tabletId(), r.sequence(), r.subject(),
                r.personId() == null ? null : r.personId().strip(), idNumber, r.name(), r.phone(), r.origin(),
                r.comingFrom(), r.plate(), r.occupants(), r.occupantCount(), r.direction(), r.temperatureCelsius(),
                r.passId(), operator, r.occurredAt());
    }
}
