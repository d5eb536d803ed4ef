package org.lianfang.gateway.security;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lianfang.gateway.problem.ProblemResponses;
import org.lianfang.gateway.problem.Problems;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every auditor and county read of a person's data is recorded ({@link ReadRecorder}) once the
 * answer is known to be a success and before its body leaves the gateway. For an auditor the record
 * is a condition of the read: if it cannot be written, the answer is a 503 problem and the data is
 * withheld. A county read that cannot be recorded is served and the failure logged.
 *
 * <p>A person's data: {@code GET /api/v1/persons/{id}[/...]} (the person, colour, trail),
 * {@code /api/v1/tracing/{id}[/...]}, {@code /api/v1/exports/persons/{id}[/...]}, and any other
 * {@code GET /api/v1/...?personId=} (a person's cases, crossings...).
 */
public class RecordedReadsFilter implements WebFilter, Ordered {

    /** After authentication, which puts the client on the exchange. */
    public static final int ORDER = AuthenticationFilter.ORDER + 1;
    static final Set<String> RECORDED_ROLES = Set.of("auditor", "county");
    private static final Pattern PERSON_PATH = Pattern.compile(
            "^/api/v1/(?:persons|tracing|exports/persons)/([^/]+)(?:/.*)?$");
    private static final Logger log = LoggerFactory.getLogger(RecordedReadsFilter.class);

    private final ReadRecorder recorder;
    private final ProblemResponses responses;

    public RecordedReadsFilter(ReadRecorder recorder, ProblemResponses responses) {
        this.recorder = recorder;
        this.responses = responses;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The person whose data {@code request} reads, if it reads one. */
    static Optional<String> personRead(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET) {
            return Optional.empty();
        }
        String path = request.getPath().value();
        if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/admin/")) {
            return Optional.empty();
        }
        Matcher matcher = PERSON_PATH.matcher(path);
        if (matcher.matches()) {
            return Optional.of(matcher.group(1));
        }
        String personId = request.getQueryParams().getFirst("personId");
        return personId == null || personId.isBlank() ? Optional.empty() : Optional.of(personId);
    }

    /**
     * What was read, as one word the registry records ({@code [a-z][a-z0-9-]{0,31}}): {@code person},
     * the sub-resource of a person ({@code trail}, {@code colour}), {@code tracing}, {@code export}, or
     * the collection a {@code ?personId=} list reads ({@code quarantines}, {@code crossings}). The full
     * request is in the gateway's access log under the same correlation id.
     */
    public static String whatOf(String path) {
        String[] segments = path.substring("/api/v1/".length()).split("/");
        String what = switch (segments[0]) {
            case "persons" -> segments.length > 2 ? segments[2] : "person";
            case "tracing" -> "tracing";
            case "exports" -> "export";
            default -> segments[0];
        };
        what = what.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (what.isEmpty() || !Character.isLetter(what.charAt(0))) {
            what = "read-" + what;
        }
        return what.length() > 32 ? what.substring(0, 32) : what;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiClient caller = CallerAttributes.client(exchange).orElse(null);
        if (caller == null || !RECORDED_ROLES.contains(caller.role())) {
            return chain.filter(exchange);
        }
        Optional<String> person = personRead(exchange.getRequest());
        if (person.isEmpty()) {
            return chain.filter(exchange);
        }
        String what = whatOf(exchange.getRequest().getPath().value());
        String reason = exchange.getRequest().getQueryParams().getFirst("reason");
        boolean failClosed = "auditor".equals(caller.role());
        if (failClosed && (reason == null || reason.isBlank())) {
            ProblemDetail problem = Problems.of(exchange, HttpStatus.BAD_REQUEST, "The request is not valid.");
            problem.setType(URI.create(Problems.TYPE_BASE + "validation"));
            problem.setTitle("The request is not valid");
            problem.setProperty("errors", List.of(Map.of("field", "reason",
                    "reason", "is required for an auditor's read of a person's data (it is recorded)")));
            return responses.write(exchange, problem);
        }
        ServerHttpResponseDecorator recorded = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.is2xxSuccessful()) {
                    return super.writeWith(body);
                }
                return recorder.record(exchange, caller, person.get(), what, reason)
                        .then(Mono.defer(() -> super.writeWith(body)))
                        .onErrorResume(ReadRecorder.NotRecorded.class, e -> {
                            log.warn("A {} read of a person could not be recorded ({}): {}", caller.role(), what,
                                    e.getMessage());
                            if (!failClosed) {
                                return super.writeWith(body);
                            }
                            return Flux.from(body).doOnNext(DataBufferUtils::release).then(
                                    responses.write(exchange, Problems.of(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                                            "This read cannot be recorded right now, so it is not served; retry shortly.")));
                        });
            }
        };
        return chain.filter(exchange.mutate().response(recorded).build());
    }
}
