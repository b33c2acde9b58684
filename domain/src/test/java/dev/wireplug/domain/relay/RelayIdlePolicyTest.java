package dev.wireplug.domain.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.relay.RelayState.Active;
import dev.wireplug.domain.relay.RelayState.EndReason;
import dev.wireplug.domain.relay.RelayState.Ended;
import dev.wireplug.domain.relay.RelayState.OneLearned;
import dev.wireplug.domain.relay.RelayState.Pending;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelayIdlePolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final RelayIdlePolicy POLICY = new RelayIdlePolicy(Duration.ofSeconds(30), Duration.ofMinutes(3));
    private static final Active ACTIVE = new Active(Endpoint.parse("198.18.1.1:1"), Endpoint.parse("198.18.2.1:2"));

    @Test
    void pendingAndHalfLearnedExpireAfterThePendingTimeout() {
        RelayActivity activity = RelayActivity.startedAt(T0);
        for (RelayState state : new RelayState[] {new Pending(), new OneLearned(RelaySide.B, Endpoint.parse("198.18.2.1:2"))}) {
            assertFalse(POLICY.expired(state, activity, T0.plusSeconds(29)));
            assertTrue(POLICY.expired(state, activity, T0.plusSeconds(30)));
        }
    }

    @Test
    void activeExpiresOnlyAfterTheIdleTimeoutWithoutTraffic() {
        RelayActivity activity = RelayActivity.startedAt(T0).observe(10, T0.plusSeconds(60));
        assertFalse(POLICY.expired(ACTIVE, activity, T0.plusSeconds(60 + 179)));
        assertTrue(POLICY.expired(ACTIVE, activity, T0.plusSeconds(60 + 180)));
    }

    @Test
    void trafficMovesTheLastChangeAndAStandingCounterDoesNot() {
        RelayActivity started = RelayActivity.startedAt(T0);
        RelayActivity moved = started.observe(5, T0.plusSeconds(10));
        assertEquals(new RelayActivity(T0, 5, T0.plusSeconds(10)), moved);
        assertSame(moved, moved.observe(5, T0.plusSeconds(100)));
        assertEquals(T0.plusSeconds(200), moved.observe(6, T0.plusSeconds(200)).lastChange());
    }

    @Test
    void endedNeverExpiresAgain() {
        assertFalse(POLICY.expired(new Ended(EndReason.RELEASED), RelayActivity.startedAt(T0), T0.plusSeconds(99999)));
    }

    @Test
    void timeoutsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RelayIdlePolicy(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RelayIdlePolicy(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new RelayActivity(T0, -1, T0));
        assertThrows(IllegalArgumentException.class, () -> new RelayCounters(0, -1, 0, 0));
    }
}
