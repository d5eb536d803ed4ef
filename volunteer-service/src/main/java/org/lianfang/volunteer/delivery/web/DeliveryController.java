package org.lianfang.volunteer.delivery.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.PartnerKind;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.platform.idempotency.ResponseSubject;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.volunteer.delivery.command.DeliveryCommands;
import org.lianfang.volunteer.delivery.query.DeliveryQueries;
import org.lianfang.volunteer.delivery.query.DeliveryView;
import org.lianfang.volunteer.delivery.query.HouseholdQuarantine;
import org.lianfang.volunteer.support.web.Jurisdiction;
import org.lianfang.volunteer.support.web.Page;
import org.lianfang.volunteer.support.web.Requests;
import org.lianfang.volunteer.volunteer.query.DirectoryQueries;
import org.lianfang.volunteer.volunteer.query.VolunteerView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contact-free deliveries (敲门不见面): a household orders, a volunteer accepts, picks up, disinfects
 * the goods and leaves them at the door, the household confirms — or the order is cancelled. Each
 * step is its own endpoint; a step out of order is a 409 problem naming the rule.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class DeliveryController {

    private static final int LONGEST_COUNT_WINDOW_DAYS = 31;

    private final CommandGateway commands;
    private final DeliveryQueries deliveries;
    private final HouseholdQuarantine households;
    private final DirectoryQueries directory;

    DeliveryController(CommandGateway commands, DeliveryQueries deliveries, HouseholdQuarantine households,
                       DirectoryQueries directory) {
        this.commands = commands;
        this.deliveries = deliveries;
        this.households = households;
        this.directory = directory;
    }

    /** {@code POST /deliveries}: a household's order; {@code contactFree} defaults to true. */
    record Order(@Size(max = 64) String householdId, @NotBlank @Size(max = 64) String compoundId,
                 @NotBlank @Size(max = 200) String address,
                 @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> items,
                 @NotBlank @Size(max = 100) String partner, @NotNull PartnerKind partnerKind,
                 @Size(max = 500) String notes, Boolean contactFree) {
    }

    /** {@code POST /deliveries/{id}/acceptance}. */
    record Accept(@NotBlank @Size(max = 64) String volunteerId) {
    }

    /** {@code POST /deliveries/{id}/cancellation}. */
    record Cancel(@NotBlank @Size(max = 200) String reason) {
    }

    /** Counts per day and per volunteer over a window of days. */
    record Counts(String communityId, LocalDate from, LocalDate to, List<DeliveryQueries.DayCount> days,
                  List<DeliveryQueries.VolunteerCount> volunteers, int ordered, int delivered) {
    }

    @PostMapping(path = "/deliveries", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<DeliveryView> order(@Valid @RequestBody Order request) {
        String community = Requests.writingCommunity();
        String compound = request.compoundId().strip();
        Requests.caller().requireCovers(community, compound);
        String household = request.householdId() == null || request.householdId().isBlank() ? null
                : request.householdId().strip();
        List<String> persons = List.copyOf(households.members(household));
        DeliveryOrderId id = DeliveryOrderId.random();
        Requests.send(commands, new DeliveryCommands.Place(id, community, compound, household,
                request.address().strip(), persons, request.items().stream().map(String::strip).toList(),
                request.partner().strip(), request.partnerKind(), request.notes(), null, request.contactFree(),
                households.quarantined(household, persons), Requests.actor()));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/deliveries/" + id))
                .body(answered(find(id.value())));
    }

    @GetMapping("/deliveries/{id}")
    DeliveryView get(@PathVariable String id) {
        return find(id);
    }

    @PostMapping(path = "/deliveries/{id}/acceptance", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    DeliveryView accept(@PathVariable String id, @Valid @RequestBody Accept request) {
        DeliveryView order = find(id);
        VolunteerView volunteer = directory.volunteer(request.volunteerId().strip())
                .filter(v -> v.communityId().equals(order.communityId()))
                .orElseThrow(() -> InvalidRequestException.of("volunteerId", "is not a volunteer of this community"));
        return advance(order, DeliveryStage.ACCEPTED, VolunteerId.of(volunteer.id()), null);
    }

    @PostMapping("/deliveries/{id}/pickup")
    @Allowed(Role.OPERATOR)
    DeliveryView pickUp(@PathVariable String id) {
        return advance(find(id), DeliveryStage.PICKED_UP, null, null);
    }

    @PostMapping("/deliveries/{id}/disinfection")
    @Allowed(Role.OPERATOR)
    DeliveryView disinfect(@PathVariable String id) {
        return advance(find(id), DeliveryStage.DISINFECTED, null, null);
    }

    @PostMapping("/deliveries/{id}/drop-off")
    @Allowed(Role.OPERATOR)
    DeliveryView leaveAtDoor(@PathVariable String id) {
        return advance(find(id), DeliveryStage.LEFT_AT_DOOR, null, null);
    }

    @PostMapping("/deliveries/{id}/confirmation")
    @Allowed(Role.OPERATOR)
    DeliveryView confirm(@PathVariable String id) {
        return advance(find(id), DeliveryStage.CONFIRMED, null, null);
    }

    @PostMapping(path = "/deliveries/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    DeliveryView cancel(@PathVariable String id, @Valid @RequestBody Cancel request) {
        return advance(find(id), DeliveryStage.CANCELLED, null, request.reason().strip());
    }

    /** Open orders (not yet at the door), of one compound or the whole community, in id order. */
    @GetMapping("/deliveries")
    Page<DeliveryView> open(@RequestParam(required = false) @Size(max = 128) String communityId,
                            @RequestParam(required = false) @Size(max = 64) String compoundId,
                            @RequestParam(required = false) @Size(max = 100) String cursor,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        String community = Jurisdiction.readingCommunity(communityId);
        if (compoundId != null) {
            Requests.caller().requireCovers(community, compoundId);
        }
        TreeSet<String> ids = new TreeSet<>(deliveries.openIds(community, compoundId));
        return Page.of(ids, cursor, limit, page -> deliveries.load(page).stream()
                .filter(d -> Requests.caller().covers(d.communityId(), d.compoundId())).toList());
    }

    @GetMapping("/deliveries/counts")
    Counts counts(@RequestParam(required = false) @Size(max = 128) String communityId,
                  @RequestParam LocalDate from, @RequestParam LocalDate to) {
        String community = Jurisdiction.readingCommunity(communityId);
        if (to.isBefore(from)) {
            throw InvalidRequestException.of("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= LONGEST_COUNT_WINDOW_DAYS) {
            throw InvalidRequestException.of("to", "must be within " + LONGEST_COUNT_WINDOW_DAYS + " days of from");
        }
        List<DeliveryQueries.DayCount> days = deliveries.perDay(community, from, to);
        return new Counts(community, from, to, days,
                deliveries.perVolunteer(List.copyOf(directory.volunteerIds(community)), from, to),
                days.stream().mapToInt(DeliveryQueries.DayCount::ordered).sum(),
                days.stream().mapToInt(DeliveryQueries.DayCount::delivered).sum());
    }

    @GetMapping("/volunteers/{id}/deliveries")
    Map<String, List<DeliveryView>> ofVolunteer(@PathVariable String id) {
        VolunteerView volunteer = directory.volunteer(id)
                .orElseThrow(() -> ResourceNotFoundException.of("volunteer", id));
        Requests.caller().requireCovers(volunteer.communityId());
        return Map.of("items", deliveries.ofVolunteer(id));
    }

    /**
     * For the gateway's contact tracing (not routed to clients): the orders for a household that
     * the caller's jurisdiction covers, with each step's volunteer and time.
     */
    @GetMapping("/internal/households/{id}/deliveries")
    @Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
    Map<String, List<DeliveryView>> ofHousehold(@PathVariable String id) {
        var caller = Requests.caller();
        return Map.of("items", deliveries.ofHousehold(id).stream()
                .filter(d -> caller.covers(d.communityId(), d.compoundId())).toList());
    }

    private DeliveryView advance(DeliveryView order, DeliveryStage stage, VolunteerId volunteer, String reason) {
        boolean quarantined = households.quarantined(order.householdId(), order.personIds());
        Requests.send(commands, new DeliveryCommands.Advance(DeliveryOrderId.of(order.id()), stage, volunteer, reason,
                quarantined, Requests.actor()));
        return answered(find(order.id()));
    }

    /** A step's answer holds the address and notes: its kept copy is sealed like the order's event. */
    private static DeliveryView answered(DeliveryView order) {
        ResponseSubject.set(order.personIds().isEmpty()
                ? DeliveryOrdered.subjectOf(DeliveryOrderId.of(order.id())) : order.personIds().get(0));
        return order;
    }

    private DeliveryView find(String id) {
        DeliveryView order = deliveries.find(id).orElseThrow(() -> ResourceNotFoundException.of("delivery", id));
        Requests.caller().requireCovers(order.communityId(), order.compoundId());
        return order;
    }
}
