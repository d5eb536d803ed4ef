package org.lianfang.gateway.limits;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lianfang.gateway.problem.ProblemResponses;
import org.lianfang.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, before authentication and before any service is called, requests whose shape no
 * Lianfang endpoint accepts, with a 400 problem naming what is wrong:
 * <ul>
 *   <li>a path with an encoded {@code /} ({@code %2F}), an encoded or plain {@code \}, an encoded
 *       control character ({@code %00}–{@code %1F}, {@code %7F}), a malformed escape or bytes that are
 *       not UTF-8 (overlong forms, encoded surrogates such as {@code %ED%A0%80}). Ids are plain
 *       text; such paths are path-traversal or parser-confusion attempts, and the services' Tomcat
 *       would refuse them anyway, after the gateway had forwarded them;</li>
 *   <li>an {@code Idempotency-Key} that is not 1 to 255 visible ASCII characters ({@value #KEY_RULE},
 *       the services' own rule), or given twice.</li>
 * </ul>
 * A header block over {@value #MAX_HEADER_BYTES} bytes in all is a 431 problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class RequestShapeFilter implements WebFilter {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String KEY_RULE = "must be 1 to 255 visible ASCII characters";
    /**
     * The services' Tomcat reads at most 8 KB of headers; Netty lets up to 32 KB in so that one
     * oversized header can be named, and this refuses the rest with a 431 problem.
     */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final ProblemResponses responses;

    RequestShapeFilter(ProblemResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<Map<String, String>> problem = pathProblem(exchange.getRequest().getURI().getRawPath())
                .map(reason -> Map.of("field", "path", "reason", reason))
                .or(() -> keyProblem(exchange.getRequest().getHeaders().get(IDEMPOTENCY_KEY))
                        .map(reason -> Map.of("field", IDEMPOTENCY_KEY, "reason", reason)));
        if (problem.isEmpty()) {
            if (headerBytes(exchange.getRequest().getHeaders()) > MAX_HEADER_BYTES) {
                ProblemDetail tooLarge = Problems.of(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "The request headers are larger than " + MAX_HEADER_BYTES / 1024 + " KB in all.");
                tooLarge.setInstance(null);
                return responses.write(exchange, tooLarge);
            }
            return chain.filter(exchange);
        }
        ProblemDetail detail = Problems.of(exchange, HttpStatus.BAD_REQUEST,
                "The request is not valid: " + problem.get().get("field") + " " + problem.get().get("reason") + ".");
        detail.setType(URI.create(Problems.TYPE_BASE + "validation"));
        detail.setTitle("The request is not valid");
        detail.setInstance(null);
        detail.setProperty("errors", List.of(problem.get()));
        return responses.write(exchange, detail);
    }

    static long headerBytes(HttpHeaders headers) {
        long total = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                total += header.getKey().length() + value.length() + 4;
            }
        }
        return total;
    }

    /** Why the raw (still percent-encoded) path is refused, or empty. */
    static Optional<String> pathProblem(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("must not contain '\\'");
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                if (c < 0x21 || c >= 0x7F) {
                    return Optional.of("must not contain control or non-ASCII characters");
                }
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                return Optional.of("has a malformed percent-escape");
            }
            int b = hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2));
            i += 2;
            if (b == '/') {
                return Optional.of("must not contain an encoded '/' (%2F)");
            }
            if (b == '\\') {
                return Optional.of("must not contain an encoded '\\' (%5C)");
            }
            if (b < 0x20 || b == 0x7F) {
                return Optional.of("must not contain an encoded control character (e.g. %00)");
            }
            bytes.put((byte) b);
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
        } catch (CharacterCodingException notUtf8) {
            return Optional.of("must be UTF-8 once decoded");
        }
        return Optional.empty();
    }

    /** Why the {@code Idempotency-Key} values are refused, or empty (also when there is none). */
    static Optional<String> keyProblem(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            return Optional.of("must be given once");
        }
        return KEY.matcher(values.get(0)).matches() ? Optional.empty() : Optional.of(KEY_RULE);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
