package org.lianfang.platform.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.lianfang.platform.problem.ForbiddenException;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/widgets")
class WidgetController {

    enum Kind { SMALL, LARGE }

    record CreateWidgetRequest(
            @NotBlank @Size(max = 20) String name,
            @NotNull @Min(0) @Max(10) Integer count,
            LocalDate madeOn,
            Instant madeAt,
            Kind kind,
            List<String> personIds) {
    }

    record WidgetCreatedResponse(String id) {
    }

    static final AtomicInteger CREATED = new AtomicInteger();
    static volatile CountDownLatch slowGate = new CountDownLatch(0);

    private final CommandGateway commands;

    WidgetController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<WidgetCreatedResponse> create(@Valid @RequestBody CreateWidgetRequest request) {
        if (request.kind() == Kind.LARGE && request.count() == 0) {
            throw InvalidRequestException.of("count", "must be positive for a large widget");
        }
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new WidgetMessages.CreateWidget(id, request.name(),
                request.personIds() == null ? List.of() : request.personIds()));
        CREATED.incrementAndGet();
        return ResponseEntity.created(URI.create("/api/v1/widgets/" + id)).body(new WidgetCreatedResponse(id));
    }

    @PostMapping("/slow")
    ResponseEntity<Map<String, String>> slow(@RequestBody Map<String, String> body) throws InterruptedException {
        slowGate.await(10, TimeUnit.SECONDS);
        return ResponseEntity.ok(body);
    }

    @PostMapping("/{id}/assignments")
    ResponseEntity<Void> assign(@PathVariable String id, @RequestParam String personId) {
        commands.sendAndWait(new WidgetMessages.AssignWidget(id, personId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}")
    Map<String, String> get(@PathVariable String id) {
        throw ResourceNotFoundException.of("widget", id);
    }

    @GetMapping("/paged")
    Map<String, Integer> paged(@RequestParam int limit) {
        return Map.of("limit", limit);
    }

    @PostMapping("/conflict")
    void conflict() {
        throw new ConcurrencyException("sequence 3 of aggregate x already exists");
    }

    @PostMapping("/forbidden")
    void forbidden() {
        throw new ForbiddenException("Operators of community A may not write to community B.");
    }

    @PostMapping("/boom")
    void boom() {
        throw new IllegalStateException("secret internal detail at com.example.Secret");
    }
}
