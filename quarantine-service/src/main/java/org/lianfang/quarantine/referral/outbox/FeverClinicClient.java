package org.lianfang.quarantine.referral.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The county fever clinic's referral API. Every call carries the referral id as
 * {@code Idempotency-Key}, so a retry after a lost answer is recognised by the clinic and never
 * becomes a second referral. The answer is sorted into: a receipt, a refusal the clinic will repeat
 * (4xx: {@link Refused}), or anything that may pass (5xx, 408, 429, timeouts, resets, a 2xx whose
 * body is not a receipt or is over {@value #MAX_ANSWER_BYTES} bytes: {@link Unavailable}).
 */
public class FeverClinicClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** A receipt is a few hundred bytes; a clinic streaming more is broken, and is not read into memory. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final RestClient http;
    private final String path;
    private final ObjectMapper json;

    public FeverClinicClient(FeverClinicProperties properties, ObjectMapper json) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder().baseUrl(properties.baseUrl().toString()).requestFactory(factory).build();
        this.path = properties.referralsPath();
        this.json = json;
    }

    /** What the clinic is told. */
    public record ClinicReferral(String referralId, String caseId, String personId, String communityId,
                                 String compoundId, BigDecimal celsius, Instant measuredAt, Instant requestedAt) {
    }

    /** The clinic's acknowledgement: its reference, and whether it already accepted the patient. */
    public record Receipt(String reference, boolean accepted) {
    }

    /** A failure that may pass: retry later. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The clinic refused the referral and will refuse it again. */
    public static class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    public Receipt refer(ClinicReferral referral) {
        try {
            return http.post().uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .header(IDEMPOTENCY_KEY, referral.referralId())
                    .body(referral)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        byte[] body = response.getBody().readNBytes(MAX_ANSWER_BYTES + 1);
                        if (status >= 200 && status < 300) {
                            if (body.length > MAX_ANSWER_BYTES) {
                                throw new Unavailable("malformed answer: larger than " + MAX_ANSWER_BYTES
                                        + " bytes", null);
                            }
                            return receipt(body);
                        }
                        if (status == 408 || status == 409 || status == 425 || status == 429 || status >= 500) {
                            throw new Unavailable("HTTP " + status, null);
                        }
                        throw new Refused("HTTP " + status + ": " + excerpt(body));
                    }, true);
        } catch (Unavailable | Refused decided) {
            throw decided;
        } catch (RestClientException e) {
            throw new Unavailable(e.getMostSpecificCause().getClass().getSimpleName() + ": "
                    + e.getMostSpecificCause().getMessage(), e);
        }
    }

    private Receipt receipt(byte[] body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            throw new Unavailable("malformed answer: " + excerpt(body), e);
        }
        JsonNode reference = answer == null ? null : answer.get("referenceId");
        if (reference == null || !reference.isTextual() || reference.asText().isBlank()) {
            throw new Unavailable("malformed answer, no referenceId: " + excerpt(body), null);
        }
        return new Receipt(reference.asText(), "ACCEPTED".equalsIgnoreCase(answer.path("status").asText()));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
