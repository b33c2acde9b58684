package dev.wireplug.domain.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.endpoint.EndpointChoice.Path;
import dev.wireplug.domain.endpoint.RelayPath.Observation;
import dev.wireplug.domain.endpoint.RelayPath.State;
import dev.wireplug.domain.net.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelayPathTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Endpoint RELAY = Endpoint.parse("198.18.0.10:40001");
    private static final Endpoint OTHER_RELAY = Endpoint.parse("198.18.0.10:40002");
    private static final Endpoint OBSERVED = Endpoint.parse("198.18.1.2:51822");
    private static final Endpoint ROAMED = Endpoint.parse("198.18.1.2:61234");
    private static final Optional<Instant> NO_HANDSHAKE = Optional.empty();

    private final RelayPath path = new RelayPath(RelayPath.Settings.DEFAULT);

    /** The daemon set the relay at T0; WireGuard uses {@code device}, last handshake {@code handshake}. */
    private static Observation relayed(Instant now, Endpoint device, Optional<Instant> handshake) {
        return new Observation(now, Path.RELAY, Optional.of(RELAY), T0, Optional.of(RELAY), false,
                Optional.of(device), handshake);
    }

    private static Observation direct(Instant now, Path chosen, Optional<Endpoint> relay, boolean failed,
            Optional<Instant> handshake) {
        return new Observation(now, chosen, Optional.of(OBSERVED), T0, relay, failed, Optional.of(OBSERVED), handshake);
    }

    @Test
    void startsDirectAndHoldsNothing() {
        assertInstanceOf(State.Direct.class, path.state());
        assertEquals(Optional.empty(), path.held());
    }

    @Test
    void usingTheRelayIsRelayedAndReportsNothing() {
        assertEquals(Optional.empty(), path.observe(relayed(T0.plusSeconds(1), RELAY, Optional.of(T0.plusSeconds(1)))));
        assertEquals(new State.Relayed(RELAY), path.state());
        assertEquals(Optional.empty(), path.held());
    }

    @Test
    void wireGuardMovingToADirectSourceWithHandshakesIsADirectPathThatIsHeldAndReported() {
        path.observe(relayed(T0.plusSeconds(1), RELAY, Optional.of(T0.plusSeconds(1))));
        Optional<DirectPathReport> report = path.observe(relayed(T0.plusSeconds(5), ROAMED,
                Optional.of(T0.plusSeconds(5))));
        assertEquals(new State.DirectLearned(ROAMED), path.state());
        assertEquals(Optional.of(ROAMED), path.held());
        assertEquals(Optional.of(DirectPathReport.DIRECT_WORKS), report);
    }

    @Test
    void aMoveWithoutAFreshHandshakeIsNotTrusted() {
        path.observe(relayed(T0.plusSeconds(1), RELAY, NO_HANDSHAKE));
        assertEquals(Optional.empty(), path.observe(relayed(T0.plusSeconds(2), ROAMED, NO_HANDSHAKE)));
        assertEquals(new State.Relayed(RELAY), path.state());
        Instant old = T0.minus(RelayPath.Settings.DEFAULT.learnedStale());
        path.observe(relayed(T0.plusSeconds(3), ROAMED, Optional.of(old)));
        assertEquals(new State.Relayed(RELAY), path.state());
    }

    @Test
    void withoutARelayInPlayWireGuardsOwnRoamingIsLeftToTheUsualRules() {
        Observation o = new Observation(T0.plusSeconds(5), Path.OBSERVED, Optional.of(OBSERVED), T0, Optional.empty(),
                false, Optional.of(ROAMED), Optional.of(T0.plusSeconds(5)));
        assertEquals(Optional.empty(), path.observe(o));
        assertInstanceOf(State.Direct.class, path.state());
        assertEquals(Optional.empty(), path.held());
    }

    @Test
    void theLearnedPathIsHeldAfterTheRelayIsWithdrawnUntilItsHandshakesGoStale() {
        path.observe(relayed(T0.plusSeconds(5), ROAMED, Optional.of(T0.plusSeconds(5))));
        // The coordinator released the relay; the daemon's choice is now "observed anyway".
        Observation released = new Observation(T0.plusSeconds(10), Path.OBSERVED, Optional.of(RELAY), T0,
                Optional.empty(), false, Optional.of(ROAMED), Optional.of(T0.plusSeconds(5)));
        assertEquals(Optional.empty(), path.observe(released), "nothing to report without a relay");
        assertEquals(Optional.of(ROAMED), path.held());
        Instant stale = T0.plusSeconds(5).plus(RelayPath.Settings.DEFAULT.learnedStale());
        path.observe(new Observation(stale, Path.OBSERVED, Optional.of(RELAY), T0, Optional.empty(), false,
                Optional.of(ROAMED), Optional.of(T0.plusSeconds(5))));
        assertEquals(Optional.empty(), path.held());
    }

    @Test
    void wireGuardMovingBackToTheRelayEndsTheLearnedPath() {
        path.observe(relayed(T0.plusSeconds(5), ROAMED, Optional.of(T0.plusSeconds(5))));
        path.observe(relayed(T0.plusSeconds(6), RELAY, Optional.of(T0.plusSeconds(6))));
        assertEquals(new State.Relayed(RELAY), path.state());
    }

    @Test
    void aLearnedPathFollowsWireGuardToTheNextDirectSource() {
        path.observe(relayed(T0.plusSeconds(5), ROAMED, Optional.of(T0.plusSeconds(5))));
        path.observe(relayed(T0.plusSeconds(6), OBSERVED, Optional.of(T0.plusSeconds(6))));
        assertEquals(new State.DirectLearned(OBSERVED), path.state());
    }

    @Test
    void resetForgetsTheLearnedPath() {
        path.observe(relayed(T0.plusSeconds(5), ROAMED, Optional.of(T0.plusSeconds(5))));
        path.reset();
        assertInstanceOf(State.Direct.class, path.state());
        assertEquals(Optional.empty(), path.held());
    }

    @Test
    void aDirectChoiceWithAHandshakeSinceItWasSetWhileARelayIsOfferedReportsWorks() {
        assertEquals(Optional.of(DirectPathReport.DIRECT_WORKS),
                path.observe(direct(T0.plusSeconds(2), Path.OBSERVED, Optional.of(RELAY), false,
                        Optional.of(T0.plusSeconds(1)))));
        assertInstanceOf(State.Direct.class, path.state());
    }

    @Test
    void aHandshakeFromBeforeTheDirectEndpointWasSetProvesNothing() {
        assertEquals(Optional.empty(), path.observe(direct(T0.plusSeconds(2), Path.OBSERVED, Optional.of(RELAY), false,
                Optional.of(T0.minusSeconds(1)))));
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void onlyDirectPathKindsCanReportWorks(Path chosen) {
        Optional<DirectPathReport> report = path.observe(direct(T0.plusSeconds(2), chosen, Optional.of(RELAY), false,
                Optional.of(T0.plusSeconds(1))));
        boolean direct = chosen != Path.RELAY && chosen != Path.NONE;
        assertEquals(direct ? Optional.of(DirectPathReport.DIRECT_WORKS) : Optional.empty(), report);
    }

    @Test
    void failedDirectAttemptsWithoutARelayAreReported() {
        assertEquals(Optional.of(DirectPathReport.DIRECT_FAILING),
                path.observe(direct(T0.plusSeconds(9), Path.OBSERVED, Optional.empty(), true, NO_HANDSHAKE)));
    }

    @Test
    void failedDirectAttemptsAreNotReportedOnceARelayIsOffered() {
        assertEquals(Optional.empty(),
                path.observe(direct(T0.plusSeconds(9), Path.OBSERVED, Optional.of(RELAY), true, NO_HANDSHAKE)));
    }

    @Test
    void noFailureNoRelayNoReport() {
        assertEquals(Optional.empty(),
                path.observe(direct(T0.plusSeconds(9), Path.OBSERVED, Optional.empty(), false, NO_HANDSHAKE)));
    }

    @Test
    void aReportThatStillHoldsIsRepeatedEveryReportIntervalAndNotMoreOften() {
        Duration every = RelayPath.Settings.DEFAULT.reportEvery();
        Instant t = T0.plusSeconds(9);
        assertTrue(path.observe(direct(t, Path.OBSERVED, Optional.empty(), true, NO_HANDSHAKE)).isPresent());
        assertFalse(path.observe(direct(t.plus(every).minusMillis(1), Path.OBSERVED, Optional.empty(), true,
                NO_HANDSHAKE)).isPresent());
        assertTrue(path.observe(direct(t.plus(every), Path.OBSERVED, Optional.empty(), true, NO_HANDSHAKE))
                .isPresent());
    }

    @Test
    void aChangedReportIsSentAtOnce() {
        Instant t = T0.plusSeconds(9);
        path.observe(direct(t, Path.OBSERVED, Optional.empty(), true, NO_HANDSHAKE));
        assertEquals(Optional.of(DirectPathReport.DIRECT_WORKS), path.observe(direct(t.plusMillis(10), Path.OBSERVED,
                Optional.of(RELAY), false, Optional.of(t))));
    }

    @Test
    void aReportThatStopsAndComesBackIsSentAtOnce() {
        Instant t = T0.plusSeconds(9);
        path.observe(direct(t, Path.OBSERVED, Optional.empty(), true, NO_HANDSHAKE));
        path.observe(direct(t.plusMillis(10), Path.OBSERVED, Optional.empty(), false, NO_HANDSHAKE));
        assertTrue(path.observe(direct(t.plusMillis(20), Path.OBSERVED, Optional.empty(), true, NO_HANDSHAKE))
                .isPresent());
    }

    @Test
    void movingAPeerToANewRelayEndpointNeedsAFreshHandshakeUnlessWeArePubliclyReachable() {
        assertTrue(RelayPath.needsFreshHandshake(Path.RELAY, Optional.of(OBSERVED), RELAY, false, false, false));
        assertTrue(RelayPath.needsFreshHandshake(Path.RELAY, Optional.of(OTHER_RELAY), RELAY, true, false, false));
        assertTrue(RelayPath.needsFreshHandshake(Path.RELAY, Optional.empty(), RELAY, false, false, false),
                "the first endpoint too");
        assertFalse(RelayPath.needsFreshHandshake(Path.RELAY, Optional.of(RELAY), RELAY, true, false, false), "same relay");
        assertFalse(RelayPath.needsFreshHandshake(Path.RELAY, Optional.of(OTHER_RELAY), RELAY, true, true, false),
                "with a public address the peer can come to us directly");
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void leavingTheRelayForADirectPathIsProvenByAFreshHandshake(Path path) {
        if (path == Path.RELAY) {
            return;
        }
        boolean direct = path != Path.NONE;
        for (boolean reachable : new boolean[] {false, true}) {
            assertEquals(direct, RelayPath.needsFreshHandshake(path, Optional.of(RELAY), OBSERVED, true, reachable, false));
            assertFalse(RelayPath.needsFreshHandshake(path, Optional.of(ROAMED), OBSERVED, false, reachable, false),
                    "direct to direct is the usual roaming, no reset");
            assertFalse(RelayPath.needsFreshHandshake(path, Optional.of(OBSERVED), OBSERVED, true, reachable, false));
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void movingBetweenDirectEndpointsWhileARelayIsOfferedIsProvenByAFreshHandshake(Path path) {
        if (path == Path.RELAY) {
            return;
        }
        for (boolean reachable : new boolean[] {false, true}) {
            assertEquals(path != Path.NONE, RelayPath.needsFreshHandshake(path, Optional.of(ROAMED), OBSERVED, false,
                    reachable, true), "the relay waits for a handshake on the new endpoint");
            assertFalse(RelayPath.needsFreshHandshake(path, Optional.of(OBSERVED), OBSERVED, false, reachable, true),
                    "the same endpoint again");
        }
    }

    @Test
    void settingsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RelayPath.Settings(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RelayPath.Settings(Duration.ofSeconds(1),
                Duration.ofSeconds(-1)));
    }
}
