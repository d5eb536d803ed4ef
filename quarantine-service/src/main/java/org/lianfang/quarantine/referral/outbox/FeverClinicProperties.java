package org.lianfang.quarantine.referral.outbox;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How referrals reach the county fever clinic ({@code quarantine.fever-clinic.*}). Without a base
 * URL referrals are kept in the outbox and wait: none is dropped because the clinic is not
 * configured yet.
 *
 * @param baseUrl          the clinic API, e.g. {@code https://clinic.zhenping.example} (env {@code LIANFANG_FEVER_CLINIC_URL})
 * @param referralsPath    where referrals are posted
 * @param connectTimeout   how long to wait for a connection
 * @param readTimeout      how long to wait for the answer; a slower clinic counts as down for this attempt
 * @param dispatchInterval how often the outbox is worked through
 * @param initialBackoff   the wait after the first failed delivery; doubled per failure
 * @param maxBackoff       the longest wait between deliveries of one referral
 * @param lease            how long one instance holds a referral while delivering it
 * @param batchSize        referrals delivered per round at most
 * @param circuitBreaker   when to stop calling a failing clinic for a while
 */
@ConfigurationProperties("quarantine.fever-clinic")
public record FeverClinicProperties(
        URI baseUrl,
        @DefaultValue("/api/v1/referrals") String referralsPath,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("5s") Duration dispatchInterval,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("50") int batchSize,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * Resilience4j circuit-breaker settings.
     *
     * @param failureRateThreshold percentage of failed calls that opens it
     * @param slidingWindowSize    calls judged
     * @param minimumCalls         calls needed before it judges
     * @param openFor              how long it stays open before letting trial calls through
     * @param halfOpenCalls        trial calls when half open
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("30s") Duration openFor,
            @DefaultValue("2") int halfOpenCalls) {
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.toString().isBlank();
    }
}
