package dev.wireplug.adapters.transport.server;

import java.time.Duration;

/**
 * The coordinator's timers and limits.
 *
 * @param keepalive how often clients are asked to send a keepalive (well under common NAT UDP timeouts)
 * @param recordTtl how long a record lives after the last sign of life
 * @param sessionIdle how long a confirmed session lives without an authenticated message
 * @param pendingTimeout how long a handshake may wait for the client's first transport message
 * @param handshakesPerSecond per source address, for handshakes and unauthenticated replies
 * @param maxSessions beyond this, new handshakes are refused until old sessions expire
 */
public record CoordinatorSettings(Duration keepalive, Duration recordTtl, Duration sessionIdle,
        Duration pendingTimeout, double handshakesPerSecond, int maxSessions) {

    public static CoordinatorSettings defaults() {
        return new CoordinatorSettings(Duration.ofSeconds(10), Duration.ofSeconds(90), Duration.ofSeconds(180),
                Duration.ofSeconds(10), 5, 200_000);
    }
}
