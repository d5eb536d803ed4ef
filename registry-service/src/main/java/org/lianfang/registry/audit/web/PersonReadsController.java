package org.lianfang.registry.audit.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RecordPersonDataReadCommand;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.person.query.PersonQueries;
import org.lianfang.registry.person.query.PersonView;
import org.lianfang.registry.security.Jurisdiction;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/internal/persons/{personId}/reads}: the gateway records here every read of a
 * person's data by an auditor, the county or an admin, as a {@code PersonDataRead} in the person's
 * trail. The reader is the verified caller, never the body; the read is recorded under the person's
 * community, so it is visible to whoever may see the person's trail.
 */
@RestController
@RequestMapping(path = "/api/v1/internal/persons/{personId}/reads", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class PersonReadsController {

    private final CommandGateway commands;
    private final PersonQueries persons;
    private final Clock clock;

    PersonReadsController(CommandGateway commands, PersonQueries persons, Clock clock) {
        this.commands = commands;
        this.persons = persons;
        this.clock = clock;
    }

    /** What was read and why; {@code reason} is required of auditors. */
    record Read(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String what, @Size(max = 500) String reason,
            @Size(max = 128) String correlationId) {
    }

    /** The recorded read. */
    record RecordedRead(String readId, String personId, String what, String reason, String readBy, String role,
            String readerCommunity, String correlationId, Instant readAt) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RecordedRead> record(@PathVariable String personId, @Valid @RequestBody Read request) {
        Caller caller = Jurisdiction.caller();
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (caller.role() == Role.AUDITOR && reason == null) {
            throw InvalidRequestException.of("reason", "is required when an auditor reads a person's data");
        }
        PersonView person = persons.find(personId)
                .filter(p -> Jurisdiction.covers(p.communityId(), p.jurisdictionCompound()))
                .orElseThrow(() -> new ResourceNotFoundException("No person " + personId + "."));
        String role = caller.role().name().toLowerCase(Locale.ROOT);
        RecordedRead read = new RecordedRead(UUID.randomUUID().toString(), person.id(), request.what(), reason,
                caller.subject(), role, caller.communityId(), request.correlationId(), clock.instant());
        Map<String, Object> metaData = person.communityId() == null ? Map.of(MetadataKeys.ACTOR, read.readBy())
                : Map.of(MetadataKeys.ACTOR, read.readBy(), MetadataKeys.COMMUNITY_ID, person.communityId());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordPersonDataReadCommand(read.readId(),
                PersonId.of(person.id()), read.what(), reason, read.readBy(), role, read.readerCommunity(),
                read.correlationId(), read.readAt())).andMetaData(metaData));
        return ResponseEntity.created(URI.create("/api/v1/internal/persons/" + person.id() + "/reads/" + read.readId()))
                .body(read);
    }
}
