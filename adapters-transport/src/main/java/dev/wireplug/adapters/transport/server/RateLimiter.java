package dev.wireplug.adapters.transport.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per source address, for the work an unauthenticated datagram can cause (a DH,
 * an unauthenticated reply). Bounded: when too many sources are tracked the table is reset, which
 * only ever errs toward letting a burst through.
 */
final class RateLimiter {
    private static final int MAX_SOURCES = 65_536;

    private final double perSecond;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes a token for {@code source} at time {@code nowNanos}; false when it has none left. */
    synchronized boolean allow(InetAddress source, long nowNanos) {
        if (buckets.size() >= MAX_SOURCES && !buckets.containsKey(source)) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(source, s -> new Bucket(burst, nowNanos));
        double elapsed = Math.max(0, nowNanos - bucket.lastNanos) / 1e9;
        bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
        bucket.lastNanos = nowNanos;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return true;
        }
        return false;
    }
}
