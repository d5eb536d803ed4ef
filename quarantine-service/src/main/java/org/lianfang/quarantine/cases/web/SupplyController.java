package org.lianfang.quarantine.cases.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.RequestSuppliesCommand;
import org.lianfang.platform.idempotency.ResponseSubject;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.quarantine.cases.command.RegistryPersons;
import org.lianfang.quarantine.cases.command.VolunteerDeliveries;
import org.lianfang.quarantine.cases.query.CaseQueries;
import org.lianfang.quarantine.cases.query.CaseView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Supplies for a quarantined household (敲门不见面): the request becomes {@code SupplyRequested},
 * which volunteer-service turns into a contact-free delivery; its progress comes back on the case.
 * The address and household default to what the registry recorded for the person.
 */
@RestController
class SupplyController {

    private final CommandGateway commands;
    private final CaseQueries queries;
    private final RegistryPersons persons;

    SupplyController(CommandGateway commands, CaseQueries queries, RegistryPersons persons) {
        this.commands = commands;
        this.queries = queries;
        this.persons = persons;
    }

    /** {@code POST /api/v1/quarantines/{id}/supply-requests}. */
    record SupplyRequestBody(@NotEmpty @Size(max = 30) List<@NotBlank @Size(max = 100) String> items,
                             @Size(max = 500) String notes, @Size(min = 1, max = 200) String address,
                             @Size(min = 1, max = 64) String householdId) {
    }

    /** A supply request with the case it belongs to. */
    record SupplyRequestResponse(String caseId, String personId, @JsonUnwrapped CaseView.SupplyRequest request) {
    }

    @PostMapping(path = "/api/v1/quarantines/{id}/supply-requests", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.MEDIC})
    ResponseEntity<SupplyRequestResponse> request(@PathVariable String id,
                                                  @Valid @RequestBody SupplyRequestBody body) {
        CaseView view = covered(queries.current(id), id);
        RegistryPersons.Person person = persons.find(view.personId()).orElse(null);
        String address = body.address() != null ? body.address().strip() : address(person);
        String household = body.householdId() != null ? body.householdId().strip()
                : person == null ? null : person.householdId();
        String requestId;
        try {
            requestId = commands.sendAndWait(new RequestSuppliesCommand(QuarantineCaseId.of(id), household, address,
                    body.items().stream().map(String::strip).toList(), body.notes(), QuarantineController.actor()));
        } catch (InvalidCaseInputException e) {
            throw InvalidRequestException.of(e.field(), e.getMessage());
        }
        CaseView after = queries.current(id).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/supply-requests/" + requestId))
                .body(response(after, requestId));
    }

    @GetMapping(path = "/api/v1/supply-requests/{requestId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
    SupplyRequestResponse get(@PathVariable String requestId) {
        String caseId = VolunteerDeliveries.caseOf(requestId).map(QuarantineCaseId::value)
                .orElseThrow(() -> ResourceNotFoundException.of("supply request", requestId));
        return response(covered(queries.find(caseId), requestId), requestId);
    }

    private static CaseView covered(java.util.Optional<CaseView> view, String id) {
        CaseView found = view.orElseThrow(() -> ResourceNotFoundException.of("quarantine case", id));
        Caller.current().orElseThrow().requireCovers(found.communityId(), found.compoundId());
        return found;
    }

    private static SupplyRequestResponse response(CaseView view, String requestId) {
        ResponseSubject.set(view.personId());
        return view.supplyRequests().stream().filter(r -> r.requestId().equals(requestId)).findFirst()
                .map(r -> new SupplyRequestResponse(view.id(), view.personId(), r))
                .orElseThrow(() -> ResourceNotFoundException.of("supply request", requestId));
    }

    private static String address(RegistryPersons.Person person) {
        if (person == null || person.address() == null) {
            return null;
        }
        return person.compound() == null ? person.address() : person.compound() + " " + person.address();
    }
}
