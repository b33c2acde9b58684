package dev.wireplug.domain.nat;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A gateway's "seconds since start of epoch" (PCP and NAT-PMP) and when we received it. A gateway
 * that restarted has lost its mappings; comparing two epochs tells (RFC 6887 section 8.5).
 */
public record GatewayEpoch(long seconds, Instant receivedAt) {
    public GatewayEpoch {
        if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("epoch " + seconds + " is not an unsigned 32-bit value");
        }
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * True when this epoch, received after {@code previous}, shows the gateway lost its state:
     * it went back by more than a second, or it advanced too little or too much compared with our
     * own clock (the RFC allows 2 s plus 1/16 of drift either way).
     */
    public boolean showsResetSince(GatewayEpoch previous) {
        if (seconds + 1 < previous.seconds) {
            return true;
        }
        long clientDelta = Math.max(0, Duration.between(previous.receivedAt, receivedAt).toSeconds());
        long serverDelta = seconds - previous.seconds;
        return clientDelta + 2 < serverDelta - serverDelta / 16
                || serverDelta + 2 < clientDelta - clientDelta / 16;
    }
}
