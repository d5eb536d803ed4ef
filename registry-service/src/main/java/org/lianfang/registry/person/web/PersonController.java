package org.lianfang.registry.person.web;

import jakarta.validation.Valid;
import java.net.URI;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.registry.person.command.PersonRegistration;
import org.lianfang.registry.person.query.PersonQueries;
import org.lianfang.registry.person.query.PersonView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registering and reading persons. Registering an ID number that is already registered is not an
 * error: it answers 200 with the person who holds it, so a registrar who is unsure may simply
 * register again.
 */
@RestController
@RequestMapping(path = "/api/v1/persons", produces = MediaType.APPLICATION_JSON_VALUE)
class PersonController {

    private final PersonRegistration registration;
    private final PersonQueries queries;

    PersonController(PersonRegistration registration, PersonQueries queries) {
        this.registration = registration;
        this.queries = queries;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PersonView> register(@Valid @RequestBody RegisterPersonRequest request) {
        request.checkConsistency();
        String actor = RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
        PersonRegistration.Outcome outcome = registration.register(request.idNumber(),
                (personId, registeredAt) -> request.toCommand(personId, registeredAt, actor));
        String id = outcome.personId().value();
        PersonView person = queries.find(id).orElseThrow(() -> new IllegalStateException(
                "person " + id + " is neither projected nor in the event store"));
        return ResponseEntity.status(outcome.registered() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/persons/" + id))
                .body(person);
    }

    @GetMapping("/{id}")
    PersonView get(@PathVariable String id) {
        return queries.find(id).orElseThrow(() -> ResourceNotFoundException.of("person", id));
    }
}
