package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lianfang.gateway.problem.Problems;
import org.lianfang.gateway.security.ApiClient;
import org.lianfang.gateway.security.CallerAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The signed anchors of the services' chain heads, and the key that checks them: for auditors and
 * the county to copy and verify offline, and for an admin to anchor now.
 */
@RestController
public class AnchorController {

    private static final Set<String> READERS = Set.of("admin", "auditor", "county");
    private final ChainAnchors anchors;

    public AnchorController(ChainAnchors anchors) {
        this.anchors = anchors;
    }

    @GetMapping("/api/v1/anchors/public-key")
    public Map<String, String> publicKey() {
        return Map.of("algorithm", AnchorSigner.ALGORITHM, "keyId", anchors.signer().keyId(),
                "publicKey", anchors.signer().publicKeyBase64(), "format", "X.509 SubjectPublicKeyInfo, base64 DER");
    }

    @GetMapping("/api/v1/anchors")
    public Mono<ResponseEntity<?>> list(@RequestParam(defaultValue = "20") int limit, ServerWebExchange exchange) {
        if (!READERS.contains(role(exchange))) {
            return forbidden(exchange);
        }
        if (limit < 1 || limit > 500) {
            return Mono.just(TrailController.validation(exchange, List.of(Map.of("field", "limit", "reason",
                    "must be between 1 and 500"))));
        }
        return Mono.<ResponseEntity<?>>fromCallable(() -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("algorithm", AnchorSigner.ALGORITHM);
            body.put("publicKey", anchors.signer().publicKeyBase64());
            ArrayNode items = body.putArray("anchors");
            anchors.recent(limit).forEach(a -> items.add(a.json()));
            return ResponseEntity.ok(body);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/v1/anchors/{sequence}")
    public Mono<ResponseEntity<?>> one(@PathVariable long sequence, ServerWebExchange exchange) {
        if (!READERS.contains(role(exchange))) {
            return forbidden(exchange);
        }
        return Mono.<ResponseEntity<?>>fromCallable(() -> anchors.find(sequence)
                        .<ResponseEntity<?>>map(a -> ResponseEntity.ok(a.json()))
                        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(exchange,
                                HttpStatus.NOT_FOUND, "No anchor " + sequence + "."))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Anchors the heads now (the scheduler does it every {@code lianfang.gateway.anchors.interval}). */
    @PostMapping("/api/v1/anchors")
    public Mono<ResponseEntity<?>> anchorNow(ServerWebExchange exchange) {
        if (!"admin".equals(role(exchange))) {
            return forbidden(exchange);
        }
        return Mono.<ResponseEntity<?>>fromCallable(() -> ResponseEntity.status(HttpStatus.CREATED)
                .body(anchors.anchorNow().json())).subscribeOn(Schedulers.boundedElastic());
    }

    private static String role(ServerWebExchange exchange) {
        return CallerAttributes.client(exchange).map(ApiClient::role).orElse("");
    }

    private static Mono<ResponseEntity<?>> forbidden(ServerWebExchange exchange) {
        return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(exchange, HttpStatus.FORBIDDEN,
                "Anchors are for admin, auditor and county clients.")));
    }
}
