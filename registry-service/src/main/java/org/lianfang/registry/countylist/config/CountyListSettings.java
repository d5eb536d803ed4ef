package org.lianfang.registry.countylist.config;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lianfang.registry.county-lists.*}: where the county publishes its returnee lists (数据共享)
 * and how patiently the registry pulls them. Pulling is off until {@code enabled} and
 * {@code base-url} are set.
 *
 * @param enabled         pull on a schedule
 * @param baseUrl         the county API, e.g. {@code https://county.example/api}
 * @param path            the list resource under it; takes {@code community}, {@code cursor} and {@code limit}
 * @param communityId     the community whose list is pulled; its persons belong to it
 * @param authHeader      the header that carries the credential
 * @param authToken       the credential (env {@code LIANFANG_COUNTY_TOKEN}); no header when empty
 * @param registeredBy    who the persons from the list are registered by
 * @param pageSize        entries asked for per page
 * @param maxPagesPerPull pages read in one pull at most, so one pull never runs forever
 * @param pullInterval    time between scheduled pulls
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     time to wait for the response
 * @param maxAttempts     attempts per page (the first included) on timeouts, resets and 5xx
 * @param backoff         wait before the second attempt; doubles with each further attempt
 * @param breakerWindow   calls the circuit breaker judges together (and needs before judging)
 * @param breakerFailureRate percentage of failed calls in the window that opens the circuit
 * @param breakerOpenFor  how long an open circuit refuses calls before letting one through
 * @param zone            the community's zone, in which "an arrival date in the future" is judged
 */
@ConfigurationProperties("lianfang.registry.county-lists")
public record CountyListSettings(
        @DefaultValue("false") boolean enabled,
        String baseUrl,
        @DefaultValue("/returnee-lists") String path,
        @DefaultValue("anguo") String communityId,
        @DefaultValue("Authorization") String authHeader,
        String authToken,
        @DefaultValue("county-list") String registeredBy,
        @DefaultValue("100") int pageSize,
        @DefaultValue("20") int maxPagesPerPull,
        @DefaultValue("10m") Duration pullInterval,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("500ms") Duration backoff,
        @DefaultValue("4") int breakerWindow,
        @DefaultValue("50") float breakerFailureRate,
        @DefaultValue("1m") Duration breakerOpenFor,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {
}
