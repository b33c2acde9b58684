package dev.wireplug.domain.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeRestartTest {
    private static final Instant NOW = Instant.parse("2026-12-08T05:00:00Z");

    @Test
    void aPeerThatNeverCompletedAHandshakeIsRecreated() {
        assertTrue(HandshakeRestart.beforeNewEndpoint(true, Optional.empty(), NOW));
    }

    @Test
    void aPeerWithALiveSessionIsOnlyMoved() {
        assertFalse(HandshakeRestart.beforeNewEndpoint(true, Optional.of(NOW.minusSeconds(1)), NOW));
        assertFalse(HandshakeRestart.beforeNewEndpoint(true, Optional.of(NOW.minusSeconds(179)), NOW));
    }

    @Test
    void aSessionOlderThanWireGuardsRejectTimeCountsAsNone() {
        assertTrue(HandshakeRestart.beforeNewEndpoint(true, Optional.of(NOW.minus(HandshakeRestart.SESSION_LIFETIME)),
                NOW));
        assertTrue(HandshakeRestart.beforeNewEndpoint(true, Optional.of(NOW.minus(Duration.ofHours(3))), NOW));
    }

    @Test
    void aPeerTheDaemonDoesNotOwnIsNeverRecreated() {
        assertFalse(HandshakeRestart.beforeNewEndpoint(false, Optional.empty(), NOW));
        assertFalse(HandshakeRestart.beforeNewEndpoint(false, Optional.of(NOW.minus(Duration.ofHours(3))), NOW));
    }

    @Test
    void aHandshakeStampedInTheFutureIsALiveSession() {
        // Clock steps back after a handshake: keep the session rather than drop its keys.
        assertFalse(HandshakeRestart.beforeNewEndpoint(true, Optional.of(NOW.plusSeconds(30)), NOW));
    }
}
