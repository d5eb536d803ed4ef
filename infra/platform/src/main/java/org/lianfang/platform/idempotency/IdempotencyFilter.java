package org.lianfang.platform.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.lianfang.eventstore.StoreUnavailableException;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.ProblemType;
import org.lianfang.platform.problem.ProblemWriter;
import org.lianfang.platform.problem.Problems;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.web.CachedBodyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes a POST with an {@code Idempotency-Key} safe to retry over a flaky checkpoint network:
 * the same key with the same body gets the first successful response again and sends no second
 * command; the same key with another body is refused (422); a retry while the first is still
 * running gets 409. Keys are scoped by actor and route. Only successful (2xx) responses are
 * remembered, so a request that failed may be retried with the same key. A key whose request was
 * acknowledged (2xx) is never freed: if its response cannot be stored even after retries, the key
 * stays claimed (a retry gets 409 in flight) until its lease runs out, rather than run twice.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final int COMPLETE_ATTEMPTS = 3;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final ProblemWriter problems;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        this.store = store;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!KEY.matcher(key).matches()) {
            problems.write(request, response, Problems.validation(List.of(new FieldProblem(HEADER,
                    "must be 1 to 255 visible ASCII characters"))));
            return;
        }
        CachedBodyRequest cached = request instanceof CachedBodyRequest c ? c
                : new CachedBodyRequest(request, request.getInputStream().readAllBytes());
        String actor = RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
        String route = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String id = sha256(actor + "\n" + route + "\n" + key);
        String requestHash = sha256(cached.body());

        IdempotencyStore.Claim claim;
        try {
            claim = store.claim(id, requestHash, route, actor);
        } catch (StoreUnavailableException e) {
            log.warn("The idempotency records are unreachable; answering 503", e);
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The data store is unavailable; retry later with the same Idempotency-Key."));
            return;
        }
        if (claim instanceof IdempotencyStore.Replay replay) {
            replay(replay.response(), response);
        } else if (claim instanceof IdempotencyStore.Mismatch) {
            problems.write(request, response, Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + key + "' was already used with a different request body."));
        } else if (claim instanceof IdempotencyStore.InFlight) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(request, response, Problems.of(ProblemType.IDEMPOTENCY_IN_FLIGHT,
                    "A request with Idempotency-Key '" + key + "' is still being processed; retry shortly."));
        } else {
            proceed(cached, response, chain, (IdempotencyStore.Acquired) claim);
        }
    }

    private void proceed(CachedBodyRequest request, HttpServletResponse response, FilterChain chain,
                         IdempotencyStore.Acquired acquired) throws IOException, ServletException {
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorder);
        } catch (IOException | ServletException | RuntimeException e) {
            releaseQuietly(acquired);
            throw e;
        }
        int status = recorder.getStatus();
        if (status >= 200 && status < 300) {
            completeOrKeepClaimed(acquired, new StoredResponse(status, recorder.getContentType(),
                    recorder.getHeader(HttpHeaders.LOCATION), recorder.getContentAsByteArray(),
                    ResponseSubject.of(request).orElse(null)));
        } else {
            releaseQuietly(acquired);
        }
        recorder.copyBodyToResponse();
    }

    /** The client gets this 2xx: the key must not be released, or a retry would execute again. */
    private void completeOrKeepClaimed(IdempotencyStore.Acquired acquired, StoredResponse stored) {
        for (int attempt = 1; attempt <= COMPLETE_ATTEMPTS; attempt++) {
            try {
                store.complete(acquired, stored);
                return;
            } catch (RuntimeException e) {
                if (attempt == COMPLETE_ATTEMPTS) {
                    log.warn("Could not remember the response for an idempotency key; it stays claimed "
                            + "(retries get 409) until its lease runs out", e);
                }
            }
        }
    }

    private void releaseQuietly(IdempotencyStore.Acquired acquired) {
        try {
            store.release(acquired);
        } catch (RuntimeException e) {
            log.warn("Could not release an idempotency key; it frees itself when its lease runs out", e);
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
        response.flushBuffer();
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
