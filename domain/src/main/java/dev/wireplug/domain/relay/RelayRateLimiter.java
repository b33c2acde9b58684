package dev.wireplug.domain.relay;

import java.util.Objects;

/**
 * A packet bucket and a byte bucket that pass a datagram only when both have room, taking from
 * both or neither. Thread-safe: the global limiter is shared by every event loop of a data plane.
 */
public final class RelayRateLimiter {
    private final RelayLimits limits;
    private final TokenBucket packets;
    private final TokenBucket bytes;

    public RelayRateLimiter(RelayLimits limits, long nowNanos) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.packets = new TokenBucket(limits.packetsPerSecond(), limits.burstPackets(), nowNanos);
        this.bytes = new TokenBucket(limits.bytesPerSecond(), limits.burstBytes(), nowNanos);
    }

    public RelayLimits limits() {
        return limits;
    }

    /** Whether a datagram of {@code size} bytes may pass now; if so, it is charged to both buckets. */
    public synchronized boolean tryPass(int size, long nowNanos) {
        if (size < 0) {
            throw new IllegalArgumentException("a datagram has a non-negative size, got " + size);
        }
        if (!packets.has(1, nowNanos) || !bytes.has(size, nowNanos)) {
            return false;
        }
        packets.tryTake(1, nowNanos);
        bytes.tryTake(size, nowNanos);
        return true;
    }
}
