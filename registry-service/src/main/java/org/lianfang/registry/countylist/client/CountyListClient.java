package org.lianfang.registry.countylist.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.lianfang.registry.countylist.config.CountyListSettings;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads one page of the county's returnee list over HTTP. Timeouts, connection resets, 5xx and 429
 * are retried with exponential backoff; a circuit breaker around each attempt stops calling a
 * county that keeps failing, so a dead county API costs one fast refusal per pull, not a thread
 * stuck for minutes. A body that is not the expected JSON is refused whole, never half-read.
 */
public class CountyListClient {

    private final RestClient http;
    private final CountyListSettings settings;
    /** Trial calls after the breaker's open period: this many successes close it again. */
    static final int HALF_OPEN_CALLS = 2;

    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ObjectMapper json = new ObjectMapper();

    public CountyListClient(CountyListSettings settings) {
        this(settings, CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults());
    }

    /** Creates its circuit breaker and retry in the given registries, whose metrics may be published. */
    public CountyListClient(CountyListSettings settings, CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.settings = settings;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(settings.connectTimeout());
        requests.setReadTimeout(settings.readTimeout());
        RestClient.Builder builder = RestClient.builder().baseUrl(settings.baseUrl()).requestFactory(requests);
        if (settings.authToken() != null && !settings.authToken().isBlank()) {
            builder.defaultHeader(settings.authHeader(), settings.authToken());
        }
        this.http = builder.build();
        this.breaker = breakers.circuitBreaker("county-list", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerWindow())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                // Resilience4j's default (10 trial calls) kept the breaker half-open for ten pulls after
                // the county recovered; two good answers are enough to trust it again.
                .permittedNumberOfCallsInHalfOpenState(HALF_OPEN_CALLS)
                .build());
        this.retry = retries.retry("county-list", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), 2.0))
                .retryOnException(CountyListClient::retryable)
                .build());
    }

    /** The circuit breaker, for metrics and the status endpoint. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    public Retry retry() {
        return retry;
    }

    /** The page after {@code cursor} (null = from the start of the list). */
    public CountyListPage fetch(String cursor) {
        Supplier<CountyListPage> attempt = CircuitBreaker.decorateSupplier(breaker, () -> get(cursor));
        try {
            return Retry.decorateSupplier(retry, attempt).get();
        } catch (MalformedBody e) {
            throw new CountyListUnavailableException(CountyListUnavailableException.Reason.MALFORMED,
                    "the county list's body is malformed: " + e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            throw new CountyListUnavailableException(CountyListUnavailableException.Reason.CIRCUIT_OPEN,
                    "the county list's circuit is open after repeated failures", e);
        } catch (RestClientException e) {
            throw new CountyListUnavailableException(CountyListUnavailableException.Reason.UNAVAILABLE,
                    "the county list could not be read: " + e.getMessage(), e);
        }
    }

    private CountyListPage get(String cursor) {
        String body = http.get().uri(uri -> {
            uri.path(settings.path()).queryParam("community", settings.communityId())
                    .queryParam("limit", settings.pageSize());
            if (cursor != null) {
                uri.queryParam("cursor", cursor);
            }
            return uri.build();
        }).retrieve().body(String.class);
        if (body == null) {
            throw new MalformedBody("empty body");
        }
        return parse(body);
    }

    private CountyListPage parse(String body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode entries = root.get("entries");
            JsonNode next = root.get("nextCursor");
            if (entries == null || !entries.isArray()) {
                throw new MalformedBody("no \"entries\" array");
            }
            if (next == null || !next.isTextual() || next.asText().isBlank()) {
                throw new MalformedBody("no \"nextCursor\"");
            }
            List<CountyListPage.Entry> page = new ArrayList<>();
            for (JsonNode entry : entries) {
                if (!entry.isObject()) {
                    throw new MalformedBody("an entry is not an object");
                }
                page.add(new CountyListPage.Entry(text(entry, "entryId"), text(entry, "residentIdNumber"),
                        text(entry, "name"), text(entry, "phone"), text(entry, "origin"), text(entry, "arrivalDate"),
                        text(entry, "comingFrom"), text(entry, "transport"), text(entry, "compound"),
                        text(entry, "address"), entry.hasNonNull("hubeiContact") && entry.get("hubeiContact")
                        .isBoolean() ? entry.get("hubeiContact").booleanValue() : null));
            }
            return new CountyListPage(page, next.asText());
        } catch (JsonProcessingException e) {
            throw new MalformedBody("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean retryable(Throwable e) {
        if (e instanceof ResourceAccessException || e instanceof HttpServerErrorException) {
            return true;
        }
        return e instanceof RestClientResponseException response && response.getStatusCode().value() == 429;
    }

    /** Garbage from the county: counted by the circuit breaker, never retried at once. */
    private static final class MalformedBody extends RestClientException {
        MalformedBody(String message) {
            super(message);
        }
    }
}
