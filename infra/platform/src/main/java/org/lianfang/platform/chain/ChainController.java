package org.lianfang.platform.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's tamper evidence, for the gateway's trail: the chain's head, and a verification
 * that recomputes a bounded page of the chain from the stored events. It shows hashes, indexes
 * and event ids only — nothing personal — so every role that may read a trail may call it.
 */
@RestController
@RequestMapping("/api/v1/internal/chain")
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
public class ChainController {

    static final int MAX_LIMIT = 5000;
    static final int MAX_INDEXES = 200;

    private final ChainVerifier verifier;
    private final ChainStore store;
    private final String service;

    public ChainController(ChainVerifier verifier, ChainStore store, String service) {
        this.verifier = verifier;
        this.store = store;
        this.service = service;
    }

    @GetMapping("/head")
    public ObjectNode head() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("service", service);
        putHead(body, store.head());
        return body;
    }

    /**
     * Recomputes indexes {@code from} .. {@code from + limit - 1} of the chain (bounded by its head);
     * or, with {@code globalIndexes} (e.g. the events of one trail), just those events' links.
     */
    @GetMapping("/verify")
    public ObjectNode verify(@RequestParam(defaultValue = "1") long from,
                             @RequestParam(defaultValue = "1000") int limit,
                             @RequestParam(required = false) List<Long> globalIndexes) {
        if (globalIndexes != null) {
            if (globalIndexes.size() > MAX_INDEXES) {
                throw InvalidRequestException.of("globalIndexes", "must name at most " + MAX_INDEXES + " indexes");
            }
            return body(verifier.verifyEvents(globalIndexes.stream().filter(i -> i != null).toList()));
        }
        if (from < 1) {
            throw InvalidRequestException.of("from", "must be at least 1");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return body(verifier.verify(from, limit));
    }

    /**
     * The hashes the chain recorded at {@code globalIndexes} (at most {@value #MAX_INDEXES}, at or
     * below the head): what an external anchor of an earlier head is compared with, so a later
     * chain can be shown to still extend it.
     */
    @GetMapping("/entries")
    public ObjectNode entries(@RequestParam List<Long> globalIndexes) {
        if (globalIndexes.size() > MAX_INDEXES) {
            throw InvalidRequestException.of("globalIndexes", "must name at most " + MAX_INDEXES + " indexes");
        }
        ChainStore.Head head = store.head();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("service", service);
        putHead(body, head);
        var items = body.putArray("entries");
        store.entries(globalIndexes.stream().filter(i -> i != null && i >= 1 && i <= head.index()).distinct().toList())
                .values().stream().sorted(java.util.Comparator.comparingLong(ChainStore.Entry::globalIndex))
                .forEach(entry -> put(items.addObject(), entry));
        return body;
    }

    /** One chain entry as {@code /entries} answers it; also the per-person events' {@code anchorEntry}. */
    public static ObjectNode put(ObjectNode target, ChainStore.Entry entry) {
        return target.put("globalIndex", entry.globalIndex())
                .put("hash", entry.hash())
                .put("eventId", entry.eventId())
                .put("hole", entry.hole());
    }

    private ObjectNode body(ChainVerifier.Verification result) {
        return json(service, result);
    }

    /**
     * A verification as {@code /verify} answers it; also what the per-person events answer carries
     * as {@code chain} when asked to verify (so the gateway reads both alike).
     */
    public static ObjectNode json(String service, ChainVerifier.Verification result) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("service", service);
        body.put("verified", result.verified());
        body.put("from", result.from());
        body.put("checked", result.checked());
        body.put("lastChecked", result.lastChecked());
        body.put("next", result.next());
        putHead(body, result.head());
        ChainVerifier.Mismatch mismatch = result.firstMismatch();
        if (mismatch == null) {
            body.putNull("firstMismatch");
        } else {
            body.putObject("firstMismatch")
                    .put("globalIndex", mismatch.globalIndex())
                    .put("eventId", mismatch.eventId())
                    .put("expected", mismatch.expected())
                    .put("actual", mismatch.actual())
                    .put("reason", mismatch.reason());
        }
        return body;
    }

    private static void putHead(ObjectNode body, ChainStore.Head head) {
        body.put("headIndex", head.index());
        body.put("headHash", head.hash());
        body.put("events", head.events());
        body.put("holes", head.holes());
        body.put("updatedAt", head.updatedAt() == null ? null : head.updatedAt().toString());
    }
}
