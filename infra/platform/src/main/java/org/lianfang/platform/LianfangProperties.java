package org.lianfang.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a service configures about the shared platform, under {@code lianfang.*}. A service
 * names itself and, if it reacts to other services, whose event stores it reads; the rest has
 * defaults that suit both the embedded store and a real replica set.
 *
 * @param serviceName      the service's short name ({@code registry}, {@code quarantine}, …); its
 *                         database is {@code lianfang_<serviceName>}
 * @param mongodb          how to reach MongoDB
 * @param consumes         names of other services whose event stores this service reads, read-only
 * @param processingGroups per processing group: which consumed service's events it reads
 * @param snapshots        per aggregate type name: take a snapshot every so many events
 * @param http             limits on requests
 * @param idempotency      how long {@code Idempotency-Key}s are remembered
 * @param pii              the key for keyed hashes of personal data (e.g. resident ID numbers)
 * @param security         how callers are identified
 * @param eventStore       tuning of this service's event store
 * @param processing       how tracking processors share their work between instances
 * @param handlers         when a command's or event's handling is reported as slow, and interrupted
 */
@Validated
@ConfigurationProperties("lianfang")
public record LianfangProperties(
        @NotBlank @Pattern(regexp = SERVICE_NAME) String serviceName,
        @Valid @DefaultValue Mongodb mongodb,
        @DefaultValue List<@Pattern(regexp = SERVICE_NAME) String> consumes,
        @DefaultValue Map<String, @Valid ProcessingGroup> processingGroups,
        @DefaultValue Map<String, Integer> snapshots,
        @Valid @DefaultValue Http http,
        @Valid @DefaultValue Idempotency idempotency,
        @DefaultValue Pii pii,
        @DefaultValue Security security,
        @DefaultValue EventStore eventStore,
        @Valid @DefaultValue Processing processing,
        @Valid @DefaultValue Handlers handlers) {

    /** Service names become database names and bean names: lower case, digits and dashes. */
    public static final String SERVICE_NAME = "[a-z][a-z0-9-]{0,40}";

    /** The database that holds this service's event store, tokens, sagas and read models. */
    public String databaseName() {
        return databaseName(serviceName);
    }

    /** The database of the named service. */
    public static String databaseName(String serviceName) {
        return "lianfang_" + serviceName.replace('-', '_');
    }

    /**
     * @param uri                    a standard connection string; {@code LIANFANG_MONGODB_URI} sets it
     * @param serverSelectionTimeout how long to wait for a reachable server before failing
     * @param connectTimeout         TCP connect timeout
     * @param socketTimeout          how long one operation may wait for a reply
     * @param writeConcern           {@code majority} (default) or {@code w1} (acceptable on the embedded store)
     */
    public record Mongodb(
            @NotBlank @DefaultValue("mongodb://127.0.0.1:27017") String uri,
            @NotNull @DefaultValue("5s") Duration serverSelectionTimeout,
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DefaultValue("30s") Duration socketTimeout,
            @NotBlank @DefaultValue("majority") String writeConcern) {
    }

    /** @param source the name of a service in {@code lianfang.consumes} whose events the group reads */
    public record ProcessingGroup(@NotBlank String source) {
    }

    /** @param maxBodySize requests with a larger body are refused with 413 before any parsing */
    public record Http(@NotNull @DefaultValue("256KB") DataSize maxBodySize) {
    }

    /**
     * @param retention   how long a key and its response are kept
     * @param lockTimeout how long a request may hold a key before another may take it over (a
     *                    process that died while handling it)
     */
    public record Idempotency(
            @NotNull @DefaultValue("24h") Duration retention,
            @NotNull @DefaultValue("60s") Duration lockTimeout) {
    }

    /** @param hashKey secret for HMAC-SHA256 of personal data; set it from the environment in production */
    public record Pii(String hashKey) {
    }

    /**
     * @param identityKey the secret shared with the gateway ({@code LIANFANG_IDENTITY_KEY}). When set,
     *                    every {@code /api/**} request must carry the gateway's signed identity and
     *                    identity headers sent by anyone else are ignored; when not set (development
     *                    and service tests only) the {@code X-Actor*} headers are trusted as sent
     * @param maxClockSkew how far the gateway's and the service's clocks may disagree
     */
    /**
     * @param indexLeaseLifetime how long a block of global indexes leased by this instance stays
     *                           usable (0 = one counter round trip per commit, no leased gaps);
     *                           see infra/eventstore/README.md
     */
    public record EventStore(@NotNull @DefaultValue("500ms") Duration indexLeaseLifetime) {
    }

    /**
     * Scale-out of the tracking processors: each processor's events are split into
     * {@code segments} (by aggregate), and the instances of a service share the segments through
     * the token store. One instance of a processor runs {@code threads} workers, so a lone instance
     * can hold every segment; a dead instance's claims expire after {@code claimTimeout} and the
     * others take them over.
     *
     * @param segments              segments of every tracking processor created for the first time
     *                              (an existing token set keeps its count); 1 = today's single stream
     * @param threads               workers per processor and instance; absent = {@code segments}
     * @param tokenClaimIntervalMs  how often an idle worker looks for an unclaimed segment (ms)
     * @param claimTimeout          how long a claim lives without being extended by its owner
     * @param balanceInterval       how often an instance checks its fair share ({@code segments} &gt; 1 only)
     * @param deadLetterRetryInterval how often dead letters are retried (a handler that failed while the
     *                              store was briefly unreachable left its event there); zero = never
     */
    public record Processing(
            @Min(1) @Max(64) @DefaultValue("1") int segments,
            @Min(1) @Max(64) Integer threads,
            @Min(100) @DefaultValue("5000") long tokenClaimIntervalMs,
            @NotNull @DefaultValue("10s") Duration claimTimeout,
            @NotNull @DefaultValue("2s") Duration balanceInterval,
            @NotNull @DefaultValue("30s") Duration deadLetterRetryInterval) {

        /** Workers per processor in this instance. */
        public int threadCount() {
            return threads == null ? segments : threads;
        }
    }

    public record Security(String identityKey, @DefaultValue("5s") Duration maxClockSkew) {

        public boolean signed() {
            return identityKey != null && !identityKey.isBlank();
        }
    }

    /**
     * Slow handlers (see {@code HandlerWatchdog}; Axon's own timeouts are off, they cost a stack walk
     * per handler): a command or event whose handling takes longer than {@code warnAfter} is logged
     * with its stack, again every {@code warnAfter}; after {@code interruptAfter} its thread is
     * interrupted and its unit of work rolls back (Axon's defaults: 10 s and 60 s).
     */
    public record Handlers(@NotNull @DefaultValue("10s") Duration warnAfter,
                           @NotNull @DefaultValue("60s") Duration interruptAfter,
                           @NotNull @DefaultValue("1s") Duration checkEvery) {
    }
}
