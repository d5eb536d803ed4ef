package org.lianfang.platform.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's side of personal-data protection: erase a person (crypto-shredding, with a reason
 * recorded as an event), and the persons whose purpose ended and whose retention ran out, for an
 * admin to confirm. Admins only: erasure acts on every service's data about the person.
 */
@RestController
@RequestMapping("/api/v1/admin/privacy")
@Allowed(Role.ADMIN)
public class PrivacyController {

    static final int MAX_LIMIT = 500;

    private final Erasures erasures;
    private final RetentionLedger ledger;
    private final PrivacyProperties properties;
    private final Clock clock;

    public PrivacyController(Erasures erasures, RetentionLedger ledger, PrivacyProperties properties, Clock clock) {
        this.erasures = erasures;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param reason why the person is erased; it is kept, so it must name no one */
    public record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/persons/{personId}/erasure")
    public ResponseEntity<ObjectNode> erase(@PathVariable String personId, @Valid @RequestBody ErasureRequest request) {
        Erasures.Erasure erasure = erasures.erase(personId, request.reason().strip(), Caller.current().orElseThrow().subject());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("personId", erasure.personId());
        body.put("erasedAt", erasure.erasedAt().toString());
        body.put("alreadyErased", !erasure.fresh());
        return ResponseEntity.status(erasure.fresh() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
    }

    @GetMapping("/due")
    public ObjectNode due(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("items");
        for (RetentionLedger.Due due : ledger.due(properties, clock.instant(), limit)) {
            ObjectNode item = items.addObject();
            item.put("personId", due.personId());
            ObjectNode ended = item.putObject("purposesEnded");
            due.ended().forEach((purpose, at) -> ended.put(purpose, at.toString()));
            item.put("erasableFrom", due.erasableFrom().toString());
        }
        return body;
    }
}
