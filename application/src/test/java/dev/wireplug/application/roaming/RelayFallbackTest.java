package dev.wireplug.application.roaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.roaming.RoamingFakes.FakeClock;
import dev.wireplug.application.roaming.RoamingFakes.FakeCoordinator;
import dev.wireplug.application.roaming.RoamingFakes.FakeDevice;
import dev.wireplug.application.roaming.RoamingFakes.FakeMonitor;
import dev.wireplug.application.roaming.RoamingFakes.FakeProbe;
import dev.wireplug.application.roaming.RoamingFakes.PlainSealer;
import dev.wireplug.application.status.DaemonStatus.PeerStatus;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.MappingBehaviour;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkSnapshot;
import dev.wireplug.domain.peer.Peer;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The daemon with a relay of last resort: moving onto it, reporting, and leaving it for a direct path. */
class RelayFallbackTest {
    private static final PublicKey PEER = key(2);
    private static final Endpoint RELAY = Endpoint.parse("198.18.0.10:50000");
    private static final Endpoint MOVED_RELAY = Endpoint.parse("198.18.0.10:50001");
    private static final Endpoint PEER_DIRECT = Endpoint.parse("198.18.1.2:61000");
    private static final NetworkSnapshot HOME = new NetworkSnapshot(List.of(IpPrefix.parse("10.1.0.11/24")),
            Optional.of(IpAddresses.parse("10.1.0.1")), Optional.empty());

    private final FakeClock clock = new FakeClock();
    private final FakeDevice device = new FakeDevice(51821, List.of(PEER));
    private final FakeCoordinator coordinator = new FakeCoordinator();
    private final FakeProbe probe = new FakeProbe();

    private static PublicKey key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.of(bytes);
    }

    private RoamingService started(MappingBehaviour ours) throws Exception {
        probe.answer = new NatProbeResult(ours, Optional.of(Endpoint.parse("198.18.1.1:40000")));
        RoamingSettings settings = new RoamingSettings("wg0", new KeyPair(PrivateKey.of(new byte[32]), key(1)),
                List.of(new Peer(PEER, List.of(IpPrefix.parse("100.64.0.2/32")), Optional.empty(), Optional.empty())),
                Endpoint.parse("198.18.0.10:3478"), Optional.empty(), true, Duration.ofSeconds(25),
                Duration.ofSeconds(8), true);
        RoamingService service = new RoamingService(settings, device, new FakeMonitor(HOME), coordinator,
                new PlainSealer(), probe, clock, new Random(42)::nextInt);
        service.start();
        return service;
    }

    private static PeerView view(NatKind kind, Optional<Endpoint> relay) {
        return new PeerView(PEER, Endpoint.parse("198.18.1.2:60000"), 51822, kind, Optional.empty(), SealedHint.none(),
                relay);
    }

    private Optional<Endpoint> lastEndpoint() {
        List<Endpoint> set = device.endpointsSet(PEER);
        return set.isEmpty() ? Optional.empty() : Optional.of(set.get(set.size() - 1));
    }

    private PeerStatus peerStatus(RoamingService service) {
        return service.status().peers().get(0);
    }

    @Test
    void aPeerMovedOntoARelayIsCreatedAgainSoWireGuardInitiatesThroughItAtOnce() throws Exception {
        RoamingService service = started(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)));
        assertEquals(Optional.of(RELAY), lastEndpoint());
        List<PeerChange> created = device.recreations(PEER);
        assertEquals(1, created.size());
        assertEquals(Optional.of(List.of(IpPrefix.parse("100.64.0.2/32"))), created.get(0).allowedIps(),
                "the configured AllowedIPs come back with it");
        assertEquals(Optional.of(RELAY), created.get(0).endpoint());
        assertEquals("relay", peerStatus(service).path());
        assertEquals(Optional.of(RELAY), peerStatus(service).relay());

        clock.advance(Duration.ofSeconds(1));
        device.traffic(PEER, 100, 100, Optional.of(clock.now())); // a live session through the old relay port
        service.tick();
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.of(MOVED_RELAY)));
        assertEquals(Optional.of(MOVED_RELAY), lastEndpoint());
        assertEquals(2, device.recreations(PEER).size(), "a moved relay needs the initiation too");
    }

    @Test
    void withAPublicAddressAPeerWithASessionIsNotResetOntoTheRelay() throws Exception {
        RoamingService service = started(MappingBehaviour.NO_NAT);
        device.traffic(PEER, 100, 100, Optional.of(clock.now())); // a live session, maybe already direct
        service.tick();
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)));
        assertEquals(Optional.of(RELAY), lastEndpoint());
        assertEquals(List.of(), device.recreations(PEER));
        assertEquals("relay", peerStatus(service).path());
    }

    @Test
    void whenThePeerReachesUsDirectlyTheDirectPathIsKeptReportedAndSurvivesTheRelaysRelease() throws Exception {
        RoamingService service = started(MappingBehaviour.NO_NAT);
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)));
        clock.advance(Duration.ofSeconds(1));
        device.roamed(PEER, PEER_DIRECT, clock.now());
        clock.advance(Duration.ofMillis(500));
        service.tick();
        assertEquals(List.of(PEER.shortForm() + ":" + DirectPathReport.DIRECT_WORKS), coordinator.reports);
        assertEquals("direct", peerStatus(service).path());
        assertEquals(Optional.of(PEER_DIRECT), peerStatus(service).endpoint());
        assertEquals(Optional.of(RELAY), peerStatus(service).relay(), "offered, not in use");
        int set = device.endpointsSet(PEER).size();

        clock.advance(Duration.ofMillis(500));
        service.tick();
        clock.advance(Duration.ofMillis(600));
        service.tick();
        assertEquals(2, coordinator.reports.size(), "repeated about once a second while the relay is offered");

        // Both sides reported; the coordinator withdrew the relay. The peer's observed address is
        // useless (destination-dependent), but the path WireGuard found stays.
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.empty()));
        clock.advance(Duration.ofSeconds(1));
        service.tick();
        assertEquals(set, device.endpointsSet(PEER).size(), "nothing was set over the direct path");
        assertEquals("direct", peerStatus(service).path());
        assertEquals(2, coordinator.reports.size(), "nothing to report once the relay is gone");
    }

    @Test
    void aHeldDirectPathIsNotTimedOutLikeAPathTheDaemonSet() throws Exception {
        RoamingService service = started(MappingBehaviour.NO_NAT);
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)));
        // The peer's handshake came just before the relay endpoint was set (the push raced it);
        // WireGuard then moved to the peer's direct source.
        device.roamed(PEER, PEER_DIRECT, clock.now().minusMillis(5));
        clock.advance(Duration.ofMillis(500));
        service.tick();
        assertEquals("direct", peerStatus(service).path());
        int set = device.endpointsSet(PEER).size();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(500));
            service.tick();
        }
        assertEquals(set, device.endpointsSet(PEER).size(), "nothing re-set over the held path");
        assertEquals("direct", peerStatus(service).path());
    }

    @Test
    void aLearnedDirectPathIsLetGoWhenItsHandshakesGoStale() throws Exception {
        RoamingService service = started(MappingBehaviour.NO_NAT);
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)));
        clock.advance(Duration.ofSeconds(1));
        device.roamed(PEER, PEER_DIRECT, clock.now());
        clock.advance(Duration.ofMillis(500));
        service.tick();
        assertEquals("direct", peerStatus(service).path());
        clock.advance(Duration.ofSeconds(151));
        service.tick();
        assertEquals("relay", peerStatus(service).path());
        assertEquals(Optional.of(RELAY), lastEndpoint(), "the relay is set again");
    }

    @Test
    void leavingTheRelayForADirectPathStartsAFreshHandshakeThatProvesIt() throws Exception {
        RoamingService service = started(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT);
        service.onPeerView(view(NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)));
        assertEquals(1, device.recreations(PEER).size());
        // The peer roamed onto a public address: it can be reached directly now.
        service.onPeerView(view(NatKind.NO_MAPPING, Optional.of(RELAY)));
        assertEquals(Optional.of(Endpoint.parse("198.18.1.2:51822")), lastEndpoint());
        assertEquals(2, device.recreations(PEER).size());
        clock.advance(Duration.ofMillis(300));
        device.traffic(PEER, 100, 100, Optional.of(clock.now()));
        clock.advance(Duration.ofMillis(300));
        service.tick();
        assertEquals(List.of(PEER.shortForm() + ":" + DirectPathReport.DIRECT_WORKS), coordinator.reports);
    }

    @Test
    void directAttemptsThatFailWithoutARelayAreReportedSoTheCoordinatorCanGrantOne() throws Exception {
        RoamingService service = started(MappingBehaviour.ENDPOINT_INDEPENDENT);
        service.onPeerView(view(NatKind.FIXED_MAPPING, Optional.empty()));
        service.tick();
        assertEquals(List.of(), coordinator.reports);
        clock.advance(Duration.ofSeconds(9));
        service.tick(); // the path times out
        clock.advance(Duration.ofMillis(500));
        service.tick();
        assertTrue(coordinator.reports.contains(PEER.shortForm() + ":" + DirectPathReport.DIRECT_FAILING),
                coordinator.reports.toString());
        service.onPeerView(view(NatKind.FIXED_MAPPING, Optional.of(RELAY)));
        assertEquals(Optional.of(RELAY), lastEndpoint(), "the granted relay is used at once");
    }

    @Test
    void aSessionThePeerOpenedJustBeforeTheEndpointWasSetIsAWorkingPathNotAFailedOne() throws Exception {
        RoamingService service = started(MappingBehaviour.ENDPOINT_INDEPENDENT);
        device.traffic(PEER, 100, 100, Optional.of(clock.now().minusMillis(5))); // the peer reached us first
        service.tick();
        service.onPeerView(view(NatKind.FIXED_MAPPING, Optional.empty()));
        int set = device.endpointsSet(PEER).size();
        for (int i = 1; i <= 20; i++) {
            clock.advance(Duration.ofMillis(500));
            device.traffic(PEER, 100 + 100 * i, 100 + 100 * i, Optional.of(clock.now().minusSeconds(i / 2 + 1)));
            service.tick();
        }
        assertEquals(List.of(), coordinator.reports, "traffic keeps coming: nothing failed");
        assertEquals(set, device.endpointsSet(PEER).size());
    }
}
