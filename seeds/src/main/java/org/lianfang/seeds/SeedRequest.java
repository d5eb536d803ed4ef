package org.lianfang.seeds;

import com.fasterxml.jackson.databind.JsonNode;

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
 */
public record SeedRequest(String file, int line, String key, String as, String method, String path, JsonNode body,
                          String until, int timeoutSeconds) {

    /** Whether this line polls instead of writing. */
    public boolean isWait() {
        return until != null;
    }

    /** {@code file:line METHOD path}, as failures name it. */
    public String where() {
        return file + ":" + line + " " + method + " " + path;
    }
}
