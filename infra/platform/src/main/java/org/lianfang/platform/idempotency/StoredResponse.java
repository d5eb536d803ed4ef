package org.lianfang.platform.idempotency;

/**
 * The first successful response to an idempotent request, replayed byte for byte to every retry.
 *
 * @param status      HTTP status
 * @param contentType the Content-Type header, or null
 * @param location    the Location header, or null
 * @param body        the body
 * @param subject     the data subject the controller named ({@link ResponseSubject}), or null (then
 *                    the sealer guesses it from the response)
 */
public record StoredResponse(int status, String contentType, String location, byte[] body, String subject) {

    public StoredResponse(int status, String contentType, String location, byte[] body) {
        this(status, contentType, location, body, null);
    }
}
