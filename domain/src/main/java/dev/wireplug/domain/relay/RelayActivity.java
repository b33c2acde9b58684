package dev.wireplug.domain.relay;

import java.time.Instant;
import java.util.Objects;

/**
 * When an allocation began and when its forwarded-packet counter last moved. Built from polled
 * counters, so both data planes (user-space and in-kernel) are judged by the same numbers.
 */
public record RelayActivity(Instant since, long forwardedPackets, Instant lastChange) {
    public RelayActivity {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastChange, "lastChange");
        if (forwardedPackets < 0) {
            throw new IllegalArgumentException("forwardedPackets is never negative");
        }
    }

    public static RelayActivity startedAt(Instant since) {
        return new RelayActivity(since, 0, since);
    }

    /** The counter as polled now; activity moves only when the counter did. */
    public RelayActivity observe(long forwarded, Instant now) {
        if (forwarded == forwardedPackets) {
            return this;
        }
        return new RelayActivity(since, forwarded, now);
    }
}
