package org.lianfang.gateway.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.lianfang.gateway.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /api/v1/admin/clients}: admins create API clients (the key is in the response, once),
 * list them (never a key or hash), revoke and rotate them. Everyone else gets 403.
 */
@RestController
@RequestMapping("/api/v1/admin/clients")
public class AdminClientsController {

    static final Set<String> ROLES = Set.of("operator", "medic", "auditor", "county", "admin");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Duration MAX_GRACE = Duration.ofDays(7);

    private final ApiClientStore store;
    private final Authenticator authenticator;

    public AdminClientsController(ApiClientStore store, Authenticator authenticator) {
        this.store = store;
        this.authenticator = authenticator;
    }

    /** What an admin sends to create a client. */
    public record CreateClient(String name, String role, String communityId, List<String> compounds) {
    }

    /** What an admin sends to rotate a key: how long the old key keeps working. */
    public record Rotate(Long graceSeconds) {
    }

    /** A client as shown to admins, with its key only right after creation or rotation. */
    public record ClientView(String id, String name, String role, String communityId, List<String> compounds,
                             String keyPrefix, Instant createdAt, String createdBy, Instant revokedAt,
                             String apiKey) {
        static ClientView of(ApiClient c, String apiKey) {
            return new ClientView(c.id(), c.name(), c.role(), c.communityId(), c.compounds(), c.keyPrefix(),
                    c.createdAt(), c.createdBy(), c.revokedAt(), apiKey);
        }
    }

    @PostMapping
    public Mono<ResponseEntity<?>> create(@RequestBody(required = false) CreateClient body,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                          ServerWebExchange exchange) {
        return asAdmin(exchange, admin -> {
            List<Map<String, String>> errors = validate(body);
            if (!errors.isEmpty()) {
                return validation(exchange, errors);
            }
            String role = body.role();
            String community = body.communityId() == null ? "*" : body.communityId();
            String id = idempotencyKey == null ? null
                    : "cl-" + ApiKeys.hash(admin.id() + "\n" + idempotencyKey).substring(0, 16);
            try {
                ApiClientStore.Created created = store.create(id, body.name().strip(), role, community,
                        body.compounds() == null ? List.of() : body.compounds(), admin.id());
                return ResponseEntity.created(URI.create("/api/v1/admin/clients/" + created.client().id()))
                        .body(ClientView.of(created.client(), created.apiKey()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                ProblemDetail problem = Problems.of(exchange, HttpStatus.CONFLICT, "A client was already created "
                        + "with this Idempotency-Key; its key was shown once. Rotate it to get a new key.");
                problem.setProperty("clientId", id);
                return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
            }
        });
    }

    @GetMapping
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return asAdmin(exchange, admin -> ResponseEntity.ok(Map.of("items",
                store.list().stream().map(c -> ClientView.of(c, null)).toList())));
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return asAdmin(exchange, admin -> store.find(id)
                .<ResponseEntity<?>>map(c -> ResponseEntity.ok(ClientView.of(c, null)))
                .orElseGet(() -> notFound(exchange, id)));
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<?>> revoke(@PathVariable String id, ServerWebExchange exchange) {
        return asAdmin(exchange, admin -> {
            ResponseEntity<?> response = store.revoke(id, admin.id())
                    .<ResponseEntity<?>>map(c -> ResponseEntity.ok(ClientView.of(c, null)))
                    .orElseGet(() -> notFound(exchange, id));
            authenticator.invalidateAll();
            return response;
        });
    }

    @PostMapping("/{id}/rotate")
    public Mono<ResponseEntity<?>> rotate(@PathVariable String id, @RequestBody(required = false) Rotate body,
                                          ServerWebExchange exchange) {
        return asAdmin(exchange, admin -> {
            long grace = body == null || body.graceSeconds() == null ? 0 : body.graceSeconds();
            if (grace < 0 || grace > MAX_GRACE.toSeconds()) {
                return validation(exchange, List.of(Map.of("field", "graceSeconds",
                        "reason", "must be between 0 and " + MAX_GRACE.toSeconds())));
            }
            ResponseEntity<?> response = store.rotate(id, Duration.ofSeconds(grace))
                    .<ResponseEntity<?>>map(c -> ResponseEntity.ok(ClientView.of(c.client(), c.apiKey())))
                    .orElseGet(() -> notFound(exchange, id));
            authenticator.invalidateAll();
            return response;
        });
    }

    /**
     * A body that is not JSON, or has a value of the wrong JSON type: a 400 problem naming the field
     * (to admins only — anyone else learns nothing but 403).
     */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<?> unreadableBody(ServerWebInputException error, ServerWebExchange exchange) {
        ApiClient caller = CallerAttributes.client(exchange).orElse(null);
        if (caller == null || !"admin".equals(caller.role())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(Problems.of(exchange, HttpStatus.FORBIDDEN, "Only admins manage API clients."));
        }
        return validation(exchange, List.of(fieldOf(error)));
    }

    static Map<String, String> fieldOf(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                StringBuilder field = new StringBuilder();
                for (JsonMappingException.Reference reference : mapping.getPath()) {
                    if (reference.getFieldName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
                    } else if (reference.getIndex() >= 0) {
                        field.append('[').append(reference.getIndex()).append(']');
                    }
                }
                String reason = t instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                        ? "must be " + describe(mismatch.getTargetType()) : "has a value of the wrong type";
                return Map.of("field", field.toString(), "reason", reason);
            }
            if (t instanceof JsonProcessingException) {
                return Map.of("field", "body", "reason", "must be well-formed JSON");
            }
        }
        return Map.of("field", "body", "reason", "must be a JSON object");
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a JSON object";
    }

    private interface AdminAction {
        ResponseEntity<?> run(ApiClient admin) throws Exception;
    }

    private Mono<ResponseEntity<?>> asAdmin(ServerWebExchange exchange, AdminAction action) {
        ApiClient caller = CallerAttributes.client(exchange).orElse(null);
        if (caller == null || !"admin".equals(caller.role())) {
            ProblemDetail problem = Problems.of(exchange, HttpStatus.FORBIDDEN, "Only admins manage API clients.");
            return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem));
        }
        Callable<ResponseEntity<?>> call = () -> action.run(caller);
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    private static List<Map<String, String>> validate(CreateClient body) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (body == null) {
            errors.add(Map.of("field", "body", "reason", "must be a JSON object with name, role and communityId"));
            return errors;
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 100) {
            errors.add(Map.of("field", "name", "reason", "must be 1 to 100 characters"));
        }
        if (body.role() == null || !ROLES.contains(body.role())) {
            errors.add(Map.of("field", "role", "reason", "must be one of " + String.join(", ", ROLES.stream().sorted().toList())));
        }
        boolean wide = "county".equals(body.role()) || "admin".equals(body.role());
        if (body.communityId() == null && !wide) {
            errors.add(Map.of("field", "communityId", "reason", "is required for this role"));
        } else if (body.communityId() != null && !"*".equals(body.communityId())
                && !TOKEN.matcher(body.communityId()).matches()) {
            errors.add(Map.of("field", "communityId", "reason", "must be '*' or 1 to 128 of letters, digits and . _ : @ -"));
        }
        if (body.compounds() != null) {
            if (body.compounds().size() > 100) {
                errors.add(Map.of("field", "compounds", "reason", "must have at most 100 entries"));
            }
            for (int i = 0; i < body.compounds().size(); i++) {
                String c = body.compounds().get(i);
                if (c == null || !TOKEN.matcher(c).matches()) {
                    errors.add(Map.of("field", "compounds[" + i + "]", "reason", "must be 1 to 128 of letters, digits and . _ : @ -"));
                }
            }
        }
        return errors;
    }

    private static ResponseEntity<?> validation(ServerWebExchange exchange, List<Map<String, String>> errors) {
        ProblemDetail problem = Problems.of(exchange, HttpStatus.BAD_REQUEST, "The request is not valid.");
        problem.setType(URI.create(Problems.TYPE_BASE + "validation"));
        problem.setTitle("The request is not valid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<?> notFound(ServerWebExchange exchange, String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(exchange, HttpStatus.NOT_FOUND, "No API client '" + id + "'."));
    }
}
