package org.lianfang.platform.idempotency;

/**
 * The first successful response to an idempotent request, replayed byte for byte to every retry.
 *
 * @param status      HTTP status
 * @param contentType the Content-Type header, or null
 * @param location    the Location header, or null
 * @param body        the body
 */
public record StoredResponse(int status, String contentType, String location, byte[] body) {
}
