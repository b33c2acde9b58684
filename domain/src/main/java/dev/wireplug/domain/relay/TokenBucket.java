package dev.wireplug.domain.relay;

/**
 * A token bucket on a caller-supplied monotonic clock in nanoseconds (System.nanoTime in
 * production, a plain counter in tests). Integer arithmetic only: the fraction of a token that a
 * refill could not yet grant is kept as time not yet accounted, so slow rates are not rounded to
 * zero. Not thread-safe; {@link RelayRateLimiter} guards it.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ratePerSecond;
    private final long capacity;
    private final long nanosToFill;
    private long tokens;
    private long accountedUpTo;

    /** Starts full: a new allocation may send its handshake burst at once. */
    public TokenBucket(long ratePerSecond, long capacity, long nowNanos) {
        if (ratePerSecond <= 0 || capacity <= 0 || capacity > RelayLimits.MAX_BURST) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a capacity in 1.."
                    + RelayLimits.MAX_BURST + ", got rate " + ratePerSecond + " capacity " + capacity);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.nanosToFill = ceilDiv(capacity * NANOS_PER_SECOND, ratePerSecond);
        this.tokens = capacity;
        this.accountedUpTo = nowNanos;
    }

    /** Whether {@code amount} tokens are there now (refilling first); takes nothing. */
    public boolean has(long amount, long nowNanos) {
        refill(nowNanos);
        return amount <= tokens;
    }

    /** Takes {@code amount} tokens if there are that many, all or nothing. */
    public boolean tryTake(long amount, long nowNanos) {
        if (amount < 0) {
            throw new IllegalArgumentException("cannot take a negative amount: " + amount);
        }
        refill(nowNanos);
        if (amount > tokens) {
            return false;
        }
        tokens -= amount;
        return true;
    }

    /** Tokens there now, after refilling. */
    public long available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - accountedUpTo;
        if (elapsed <= 0) {
            // A clock that stands still or steps back grants nothing (and takes nothing back).
            return;
        }
        if (elapsed >= nanosToFill) {
            tokens = capacity;
            accountedUpTo = nowNanos;
            return;
        }
        // elapsed < nanosToFill, so elapsed * rate < capacity * 1e9 + rate: no overflow.
        long granted = elapsed * ratePerSecond / NANOS_PER_SECOND;
        if (granted == 0) {
            return;
        }
        tokens = Math.min(capacity, tokens + granted);
        if (tokens == capacity) {
            accountedUpTo = nowNanos;
        } else {
            accountedUpTo += ceilDiv(granted * NANOS_PER_SECOND, ratePerSecond);
            if (accountedUpTo > nowNanos) {
                accountedUpTo = nowNanos;
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
