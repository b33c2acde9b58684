package dev.wireplug.domain.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When an allocation is given up: a pair that has not completed learning within
 * {@code pendingTimeout} of the allocation, or an active pair that forwarded nothing for
 * {@code idleTimeout}. WireGuard sends a keepalive at least every 25 s when configured and
 * re-handshakes every 2 minutes while in use, so a live pair is never idle for long.
 */
public record RelayIdlePolicy(Duration pendingTimeout, Duration idleTimeout) {
    public static final RelayIdlePolicy DEFAULT = new RelayIdlePolicy(Duration.ofSeconds(30), Duration.ofMinutes(3));

    public RelayIdlePolicy {
        Objects.requireNonNull(pendingTimeout, "pendingTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (pendingTimeout.isNegative() || pendingTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("relay timeouts must be positive");
        }
    }

    /** Whether the allocation is to end now, given when traffic was last seen to move. */
    public boolean expired(RelayState state, RelayActivity activity, Instant now) {
        return switch (state) {
            case RelayState.Ended ended -> false;
            case RelayState.Active active -> !now.isBefore(activity.lastChange().plus(idleTimeout));
            case RelayState.Pending pending -> !now.isBefore(activity.since().plus(pendingTimeout));
            case RelayState.OneLearned one -> !now.isBefore(activity.since().plus(pendingTimeout));
        };
    }
}
