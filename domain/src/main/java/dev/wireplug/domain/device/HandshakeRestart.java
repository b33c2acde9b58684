package dev.wireplug.domain.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether to re-create a peer, rather than only move it, when it is pointed at a new endpoint.
 *
 * <p>WireGuard sends at most one handshake initiation per peer every REKEY_TIMEOUT (5 s), and it
 * counts attempts that went nowhere: a packet sent to a peer before any endpoint was known, or an
 * initiation to the previous endpoint a moment ago. Moving such a peer makes it wait up to 5 s
 * (plus jitter) before it greets the new endpoint; a re-created peer has no such history and greets
 * it at once. Re-creating drops the peer's session keys, so a peer with a live session is only
 * moved (its next packet goes to the new endpoint and WireGuard roams). Only peers whose whole
 * configuration the daemon owns are re-created, since a device configured by someone else may hold
 * settings (a preshared key) that the daemon cannot read back.
 */
public final class HandshakeRestart {
    /** WireGuard's REJECT_AFTER_TIME: no session key is used longer than this after its handshake. */
    public static final Duration SESSION_LIFETIME = Duration.ofSeconds(180);

    private HandshakeRestart() {
    }

    public static boolean beforeNewEndpoint(boolean daemonOwnsPeer, Optional<Instant> lastHandshake, Instant now) {
        Objects.requireNonNull(lastHandshake, "lastHandshake");
        Objects.requireNonNull(now, "now");
        if (!daemonOwnsPeer) {
            return false;
        }
        return lastHandshake.map(h -> Duration.between(h, now).compareTo(SESSION_LIFETIME) >= 0).orElse(true);
    }
}
