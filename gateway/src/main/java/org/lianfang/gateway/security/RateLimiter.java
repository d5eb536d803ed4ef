package org.lianfang.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lianfang.gateway.GatewayProperties.RateLimit;

/**
 * A token bucket per client, in this gateway instance's memory (with several gateway instances each
 * enforces its share). Hand-written: Spring Cloud Gateway's limiter needs Redis, and a bucket is a
 * dozen lines.
 */
public class RateLimiter {

    private static final RateLimit FALLBACK = new RateLimit(20, 100);

    private final Map<String, RateLimit> perRole;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Map<String, RateLimit> perRole) {
        this.perRole = Map.copyOf(perRole);
    }

    /** 0 if the request may go ahead, else how many seconds to wait before retrying (at least 1). */
    public long acquire(ApiClient client) {
        RateLimit limit = perRole.getOrDefault(client.role(), FALLBACK);
        Bucket bucket = buckets.computeIfAbsent(client.id(), id -> new Bucket(limit));
        return bucket.take(System.nanoTime());
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(RateLimit limit) {
            this.perNano = limit.perSecond() / 1e9;
            this.capacity = Math.max(1, limit.burst());
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - tokens) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        }
    }
}
