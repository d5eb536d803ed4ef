package org.lianfang.registry.countylist.web;

import java.util.Map;
import org.bson.Document;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.countylist.client.CountyListClient;
import org.lianfang.registry.countylist.command.CountyListImport;
import org.lianfang.registry.countylist.config.CountyListSettings;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The county's returnee lists (数据共享): pull now, see where the import stands, and what became of
 * one entry. Pulls also run on a schedule; a pull by hand waits for a scheduled one in progress.
 */
@RestController
@RequestMapping(path = "/api/v1/county-lists", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.ADMIN, Role.OPERATOR, Role.AUDITOR})
class CountyListController {

    private final CountyListImport imports;
    private final CountyListClient client;
    private final CountyListSettings settings;

    CountyListController(CountyListImport imports, CountyListClient client, CountyListSettings settings) {
        this.imports = imports;
        this.client = client;
        this.settings = settings;
    }

    /** Where the import of the community's list stands. */
    record Status(String communityId, boolean scheduled, String cursor, int stagedEntries, Object lastPull,
            String circuit) {
    }

    @PostMapping("/pulls")
    @Allowed({Role.ADMIN, Role.OPERATOR})
    CountyListImport.PullResult pull() {
        covers();
        if (settings.baseUrl() == null || settings.baseUrl().isBlank()) {
            throw new RuleViolationException("county-list-not-configured",
                    "No county list is configured (lianfang.registry.county-lists.base-url).");
        }
        return imports.pull();
    }

    @GetMapping("/status")
    Status status() {
        covers();
        Document state = imports.state();
        Document staged = state.get("staged", Document.class);
        return new Status(settings.communityId(), settings.enabled(), state.getString("cursor"),
                staged == null ? 0 : staged.getList("entries", Document.class).size(),
                state.get("lastPull", Document.class), client.breaker().getState().name());
    }

    @GetMapping("/entries/{entryId}")
    Map<String, Object> entry(@PathVariable String entryId) {
        covers();
        Document entry = imports.entry(entryId).orElseThrow(() -> ResourceNotFoundException.of("county list entry",
                entryId));
        entry.remove("_id");
        return entry;
    }

    private void covers() {
        Caller.current().ifPresent(caller -> caller.requireCovers(settings.communityId()));
    }
}
