package dev.wireplug.domain.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.endpoint.PeerLiveness.Verdict;
import dev.wireplug.domain.key.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerLivenessTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final PublicKey KEY = PublicKey.of(new byte[32]);

    private final PeerLiveness liveness = new PeerLiveness(PeerLiveness.Settings.DEFAULT);

    private static PeerState state(long rx, long tx, Optional<Instant> handshake, int keepalive) {
        return new PeerState(KEY, Optional.empty(), List.of(), Optional.of(Duration.ofSeconds(keepalive)),
                handshake, rx, tx);
    }

    private Verdict at(double seconds, long rx, long tx) {
        return liveness.observe(T0.plusMillis((long) (seconds * 1000)), state(rx, tx, Optional.of(T0), 25));
    }

    @Test
    void trafficBothWaysIsHealthy() {
        at(0, 100, 100);
        for (int s = 1; s < 20; s++) {
            assertInstanceOf(Verdict.Healthy.class, at(s, 100 + s, 100 + s));
        }
    }

    @Test
    void idleIsHealthy() {
        at(0, 100, 100);
        assertInstanceOf(Verdict.Healthy.class, at(30, 100, 100));
    }

    @Test
    void sendingWithoutReceivingPastTheStallTimeIsStale() {
        at(0, 100, 100);
        assertInstanceOf(Verdict.Healthy.class, at(1, 100, 200));
        assertInstanceOf(Verdict.Healthy.class, at(3.5, 100, 300));
        Verdict verdict = at(4, 100, 400);
        assertEquals(new Verdict.Stale("sending for 3000 ms without receiving"), verdict);
    }

    @Test
    void repeatedStaleVerdictsBackOffByDoubling() {
        at(0, 100, 100);
        at(1, 100, 200);
        assertInstanceOf(Verdict.Stale.class, at(4, 100, 300));
        assertInstanceOf(Verdict.Healthy.class, at(5, 100, 400), "within the 2 s back-off");
        assertInstanceOf(Verdict.Stale.class, at(6, 100, 500));
        assertInstanceOf(Verdict.Healthy.class, at(9, 100, 600), "back-off is now 4 s");
        assertInstanceOf(Verdict.Stale.class, at(10, 100, 700));
    }

    @Test
    void receivingAgainClearsTheBackOff() {
        at(0, 100, 100);
        at(1, 100, 200);
        assertInstanceOf(Verdict.Stale.class, at(4, 100, 300));
        assertInstanceOf(Verdict.Healthy.class, at(5, 150, 400));
        at(6, 150, 500);
        assertInstanceOf(Verdict.Stale.class, at(9, 150, 600));
    }

    @Test
    void anOldHandshakeWithKeepaliveIsStale() {
        liveness.observe(T0, state(1, 1, Optional.of(T0), 25));
        assertInstanceOf(Verdict.Healthy.class, liveness.observe(T0.plusSeconds(180), state(1, 1, Optional.of(T0), 25)));
        assertEquals(new Verdict.Stale("last handshake 181 s ago"),
                liveness.observe(T0.plusSeconds(181), state(1, 1, Optional.of(T0), 25)));
    }

    @Test
    void anOldHandshakeWithoutKeepaliveIsJustIdle() {
        liveness.observe(T0, state(1, 1, Optional.of(T0), 0));
        assertInstanceOf(Verdict.Healthy.class, liveness.observe(T0.plusSeconds(600), state(1, 1, Optional.of(T0), 0)));
    }

    @Test
    void sendingWithNoHandshakeEverSaysSo() {
        liveness.observe(T0, state(0, 0, Optional.empty(), 25));
        liveness.observe(T0.plusSeconds(1), state(0, 148, Optional.empty(), 25));
        assertEquals(new Verdict.Stale("sending but no handshake yet"),
                liveness.observe(T0.plusSeconds(4), state(0, 296, Optional.empty(), 25)));
    }

    @Test
    void resetForgetsTheBackOff() {
        at(0, 100, 100);
        at(1, 100, 200);
        assertInstanceOf(Verdict.Stale.class, at(4, 100, 300));
        liveness.reset();
        at(4.5, 100, 400);
        assertInstanceOf(Verdict.Stale.class, at(7.5, 100, 500));
    }
}
