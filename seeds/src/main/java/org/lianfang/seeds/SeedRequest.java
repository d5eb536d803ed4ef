package org.lianfang.seeds;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One line of a seed file: an API request sent by one demo role, or (with {@code until}) a wait
 * that polls a GET until an asynchronous projection has caught up.
 *
 * @param file    the file it came from (its phase)
 * @param line    its line number, for failure reports
 * @param key     the stable {@code Idempotency-Key}; later lines refer to its response by it
 * @param as      the demo role that sends it: its key comes from {@code LIANFANG_<ROLE>_KEY}
 * @param method  HTTP method, POST unless given
 * @param path    path under the gateway, may hold {@code ${...}} placeholders
 * @param body    JSON body or null, may hold placeholders in any string
 * @param until   for a wait: the JSON pointer that must be present (not null) in the answer
 * @param timeoutSeconds for a wait: how long to poll, or 0 for the loader's default
 * @param during  null, or two time placeholders {@code [from, to)}: the line is sent only while the
 *                loader's clock is within them, else skipped (a shift that is already over cannot be
 *                planned, a check-in only fits the shift running now)
 */
public record SeedRequest(String file, int line, String key, String as, String method, String path, JsonNode body,
                          String until, int timeoutSeconds, List<String> during) {

    /** A line sent whenever the loader runs. */
    public SeedRequest(String file, int line, String key, String as, String method, String path, JsonNode body,
                       String until, int timeoutSeconds) {
        this(file, line, key, as, method, path, body, until, timeoutSeconds, null);
    }

    /** Whether this line polls instead of writing. */
    public boolean isWait() {
        return until != null;
    }

    /** {@code file:line METHOD path}, as failures name it. */
    public String where() {
        return file + ":" + line + " " + method + " " + path;
    }
}
