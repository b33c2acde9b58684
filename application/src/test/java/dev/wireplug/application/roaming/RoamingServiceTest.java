package dev.wireplug.application.roaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.CoordinatorClient.Announce;
import dev.wireplug.application.roaming.RoamingFakes.FakeClock;
import dev.wireplug.application.roaming.RoamingFakes.FakeCoordinator;
import dev.wireplug.application.roaming.RoamingFakes.FakeDevice;
import dev.wireplug.application.roaming.RoamingFakes.FakeMonitor;
import dev.wireplug.application.roaming.RoamingFakes.FakeProbe;
import dev.wireplug.application.roaming.RoamingFakes.PlainSealer;
import dev.wireplug.application.status.DaemonStatus;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.endpoint.ListenPortChoice;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.MappingBehaviour;
import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkSnapshot;
import dev.wireplug.domain.peer.Peer;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoamingServiceTest {
    private static final PublicKey PEER = key(2);
    private static final PublicKey STRANGER = key(3);
    private static final Endpoint COORDINATOR = Endpoint.parse("198.18.0.10:3478");
    private static final NetworkSnapshot HOME = snapshot("10.1.0.11/24", "10.1.0.1");
    private static final NetworkSnapshot CAFE = snapshot("10.3.0.11/24", "10.3.0.1");

    private final FakeClock clock = new FakeClock();
    private final FakeDevice device = new FakeDevice(51821, List.of(PEER));
    private final FakeMonitor monitor = new FakeMonitor(HOME);
    private final FakeCoordinator coordinator = new FakeCoordinator();
    private final FakeProbe probe = new FakeProbe();
    private RoamingService service;

    private static PublicKey key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return PublicKey.of(bytes);
    }

    private static NetworkSnapshot snapshot(String lan, String gateway) {
        return new NetworkSnapshot(List.of(IpPrefix.parse(lan)), Optional.of(IpAddresses.parse(gateway)),
                Optional.empty());
    }

    private RoamingService service(Optional<Integer> listenPort) {
        return service(listenPort, true);
    }

    private RoamingService service(Optional<Integer> listenPort, boolean ownsPeers) {
        RoamingSettings settings = new RoamingSettings("wg0", new KeyPair(PrivateKey.of(new byte[32]), key(1)),
                List.of(new Peer(PEER, List.of(IpPrefix.parse("100.64.0.2/32")), Optional.empty(), Optional.empty())),
                COORDINATOR, listenPort, true, Duration.ofSeconds(25), Duration.ofSeconds(10), ownsPeers);
        return new RoamingService(settings, device, monitor, coordinator, new PlainSealer(), probe, clock,
                new Random(42)::nextInt);
    }

    @BeforeEach
    void startAtHome() throws Exception {
        probe.answer = new NatProbeResult(MappingBehaviour.ENDPOINT_INDEPENDENT, Optional.of(Endpoint.parse("198.18.1.1:40000")));
        service = service(Optional.empty());
        service.start();
    }

    private static PeerView view(String observedAddress, int wgPort, NatKind kind, Optional<Endpoint> mapped,
            String lanHint, Optional<Endpoint> relay) {
        return new PeerView(PEER, new Endpoint(IpAddresses.parse(observedAddress), 60000), wgPort, kind, mapped,
                SealedHint.of(lanHint.getBytes(StandardCharsets.UTF_8)), relay);
    }

    private Optional<Endpoint> lastEndpoint() {
        List<Endpoint> set = device.endpointsSet(PEER);
        return set.isEmpty() ? Optional.empty() : Optional.of(set.get(set.size() - 1));
    }

    @Test
    void startProbesAFreshPortBeforeGivingItToWireGuardAndAnnouncesIt() {
        int port = device.listenPort;
        assertNotEquals(51821, port);
        assertTrue(port >= ListenPortChoice.LOWEST, "port " + port);
        assertEquals(List.of(port), probe.probedPorts);
        Announce announce = coordinator.last();
        assertEquals(port, announce.wireGuardPort());
        assertEquals(NatKind.FIXED_MAPPING, announce.natKind());
        assertEquals(Optional.of(Endpoint.parse("198.18.1.1:40000")), announce.mapped());
        String hint = new String(announce.wants().get(PEER).bytes(), StandardCharsets.UTF_8);
        assertEquals("10.1.0.11:" + port, hint, "our LAN endpoint is sealed for the peer");
    }

    @Test
    void aHardNatDoesNotAnnounceItsUselessMapping() throws Exception {
        probe.answer = new NatProbeResult(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT, Optional.of(Endpoint.parse("198.18.1.1:4")));
        monitor.snapshot = CAFE;
        service.onNetworkChange();
        assertEquals(Optional.empty(), coordinator.last().mapped());
        assertEquals(NatKind.DESTINATION_DEPENDENT, coordinator.last().natKind());
    }

    @Test
    void aRemotePeerIsReachedAtItsObservedAddressAndWireGuardPort() {
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822",
                Optional.empty()));
        assertEquals(Optional.of(Endpoint.parse("198.18.1.2:51822")), lastEndpoint());
    }

    @Test
    void aMappedEndpointWins() {
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.of(Endpoint.parse("198.18.1.2:61822")),
                "10.2.0.12:51822", Optional.empty()));
        assertEquals(Optional.of(Endpoint.parse("198.18.1.2:61822")), lastEndpoint());
    }

    @Test
    void aPeerBehindOurNatIsReachedOverTheLan() {
        service.onObserved(Endpoint.parse("198.18.1.1:33333"));
        service.onPeerView(view("198.18.1.1", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.1.0.12:51822",
                Optional.empty()));
        assertEquals(Optional.of(Endpoint.parse("10.1.0.12:51822")), lastEndpoint());
        assertEquals("lan", service.status().peers().get(0).path());
    }

    @Test
    void twoHardNatsGoThroughTheRelay() throws Exception {
        service.onPeerView(view("198.18.1.2", 51822, NatKind.DESTINATION_DEPENDENT, Optional.empty(), "10.2.0.12:51822",
                Optional.of(Endpoint.parse("198.18.0.10:50000"))));
        assertEquals(Optional.of(Endpoint.parse("198.18.0.10:50000")), lastEndpoint());
    }

    @Test
    void aPeerWithoutASessionIsRecreatedInOneRequestSoItsHandshakeStartsAtOnce() {
        device.applied.clear();
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822",
                Optional.empty()));
        assertEquals(1, device.applied.size(), "one request, never a moment without the peer");
        List<PeerChange> changes = device.applied.get(0).peers();
        assertEquals(2, changes.size());
        assertTrue(changes.get(0).remove());
        PeerChange added = changes.get(1);
        assertFalse(added.updateOnly());
        assertEquals(Optional.of(Endpoint.parse("198.18.1.2:51822")), added.endpoint());
        assertEquals(Optional.of(Duration.ofSeconds(25)), added.persistentKeepalive(), "keepalive on: greets at once");
        assertEquals(Optional.of(List.of(IpPrefix.parse("100.64.0.2/32"))), added.allowedIps(), "config's AllowedIPs");
        assertEquals(List.of(PEER), device.removed);
    }

    @Test
    void withNoConfigAPeerIsNeverRecreated() throws Exception {
        RoamingService borrowed = service(Optional.empty(), false);
        borrowed.start();
        device.applied.clear();
        borrowed.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822",
                Optional.empty()));
        assertTrue(device.removed.isEmpty());
        assertTrue(device.applied.stream().flatMap(c -> c.peers().stream()).allMatch(PeerChange::updateOnly));
        assertEquals(Optional.of(Endpoint.parse("198.18.1.2:51822")), lastEndpoint());
    }

    @Test
    void aPeerWithALiveSessionIsMovedNotRecreated() {
        device.traffic(PEER, 100, 100, Optional.of(clock.now().minusSeconds(20)));
        device.applied.clear();
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822",
                Optional.empty()));
        assertTrue(device.removed.isEmpty(), "its session keys are kept");
        assertEquals(Optional.of(Endpoint.parse("198.18.1.2:51822")), lastEndpoint());
    }

    @Test
    void everyNewEndpointTogglesKeepaliveSoWireGuardSendsAtOnce() {
        device.traffic(PEER, 100, 100, Optional.of(clock.now().minusSeconds(20)));
        service.tick();
        device.applied.clear();
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822",
                Optional.empty()));
        List<PeerChange> changes = device.applied.stream().map(DeviceChange::peers).flatMap(List::stream).toList();
        assertEquals(2, changes.size());
        assertEquals(Optional.of(Duration.ZERO), changes.get(0).persistentKeepalive());
        assertTrue(changes.get(0).updateOnly(), "never creates a peer the config does not have");
        assertEquals(Optional.of(Duration.ofSeconds(25)), changes.get(1).persistentKeepalive());
    }

    @Test
    void anUnchangedViewIsNotReappliedButANetworkChangeReappliesEverything() {
        PeerView v = view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822", Optional.empty());
        service.onPeerView(v);
        service.onPeerView(v);
        assertEquals(1, device.endpointsSet(PEER).size());
        monitor.snapshot = CAFE;
        service.onNetworkChange();
        assertEquals(2, device.endpointsSet(PEER).size(), "re-set to clear wireguard-go's stale source address");
    }

    @Test
    void aNewNetworkGetsANewProbedPortAndReturningHomeReusesTheOldOneWithoutProbing() {
        int home = device.listenPort;
        monitor.snapshot = CAFE;
        service.onNetworkChange();
        int cafe = device.listenPort;
        assertNotEquals(home, cafe);
        assertEquals(List.of(home, cafe), probe.probedPorts);
        assertEquals(cafe, coordinator.last().wireGuardPort());

        monitor.snapshot = HOME;
        service.onNetworkChange();
        assertEquals(home, device.listenPort);
        assertEquals(List.of(home, cafe), probe.probedPorts, "home's mapping is remembered");
        assertEquals(NatKind.FIXED_MAPPING, coordinator.last().natKind());
    }

    @Test
    void theHalfSetUpStatesOfARoamSpendNoPortAndNoProbe() {
        int home = device.listenPort;
        monitor.snapshot = new NetworkSnapshot(List.of(), Optional.empty(), Optional.empty());
        service.onNetworkChange();
        monitor.snapshot = new NetworkSnapshot(CAFE.lanAddresses(), Optional.empty(), Optional.empty());
        service.onNetworkChange();
        assertEquals(home, device.listenPort, "no port while there is no route out");
        assertEquals(1, probe.probedPorts.size());

        monitor.snapshot = CAFE;
        service.onNetworkChange();
        int cafe = device.listenPort;
        monitor.snapshot = HOME;
        service.onNetworkChange();
        assertEquals(home, device.listenPort, "home is still the network before the cafe");
        assertEquals(List.of(home, cafe), probe.probedPorts);
    }

    @Test
    void aRepeatedEventForTheSameNetworkChangesNothing() {
        int announcements = coordinator.announces.size();
        int endpoints = device.endpointsSet(PEER).size();
        service.onNetworkChange();
        service.onNetworkChange();
        assertEquals(announcements, coordinator.announces.size());
        assertEquals(endpoints, device.endpointsSet(PEER).size());
    }

    @Test
    void comingBackOnlineOnTheSameNetworkAnnouncesAgainOnTheSamePort() {
        int home = device.listenPort;
        int announcements = coordinator.announces.size();
        monitor.snapshot = new NetworkSnapshot(List.of(), Optional.empty(), Optional.empty());
        service.onNetworkChange();
        monitor.snapshot = HOME;
        service.onNetworkChange();
        assertEquals(home, device.listenPort);
        assertEquals(announcements + 1, coordinator.announces.size());
    }

    @Test
    void aMappingIsNeverAnnouncedForAPortItWasNotMadeFor() {
        int home = device.listenPort;
        monitor.snapshot = CAFE;
        service.onNetworkChange();
        monitor.snapshot = snapshot("10.4.0.11/24", "10.4.0.1");
        service.onNetworkChange();
        // Home is two networks back: it gets a fresh port, so home's old mapping must not be reused.
        probe.answer = new NatProbeResult(MappingBehaviour.ENDPOINT_INDEPENDENT,
                Optional.of(Endpoint.parse("198.18.1.1:40001")));
        monitor.snapshot = HOME;
        service.onNetworkChange();
        assertNotEquals(home, device.listenPort);
        assertEquals(device.listenPort, probe.probedPorts.get(probe.probedPorts.size() - 1));
        assertEquals(Optional.of(Endpoint.parse("198.18.1.1:40001")), coordinator.last().mapped());
    }

    @Test
    void anOldObservationIsProbedAgainWhenComingBack() {
        int home = device.listenPort;
        monitor.snapshot = CAFE;
        service.onNetworkChange();
        clock.advance(RoamingService.OBSERVATION_TRUSTED.plusSeconds(1));
        monitor.snapshot = HOME;
        service.onNetworkChange();
        assertEquals(home, device.listenPort);
        assertEquals(home, probe.probedPorts.get(probe.probedPorts.size() - 1), "probed again before reuse");
    }

    @Test
    void aPathWithoutAHandshakeForTooLongFallsToTheNextOne() {
        service.onObserved(Endpoint.parse("198.18.1.1:33333"));
        service.onPeerView(view("198.18.1.1", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.1.0.12:51822",
                Optional.empty()));
        assertEquals(Optional.of(Endpoint.parse("10.1.0.12:51822")), lastEndpoint());
        clock.advance(Duration.ofSeconds(5));
        service.tick();
        assertEquals(Optional.of(Endpoint.parse("10.1.0.12:51822")), lastEndpoint(), "still within the time-out");
        clock.advance(Duration.ofSeconds(6));
        service.tick();
        assertEquals(Optional.of(Endpoint.parse("198.18.1.1:51822")), lastEndpoint());
    }

    @Test
    void aHandshakeKeepsThePath() {
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822",
                Optional.empty()));
        clock.advance(Duration.ofSeconds(1));
        device.traffic(PEER, 100, 100, Optional.of(clock.now()));
        clock.advance(Duration.ofSeconds(30));
        service.tick();
        assertEquals(1, device.endpointsSet(PEER).size());
    }

    @Test
    void sendingWithoutReceivingReannounces() {
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "10.2.0.12:51822",
                Optional.empty()));
        device.traffic(PEER, 100, 100, Optional.of(clock.now()));
        service.tick();
        int before = coordinator.announces.size();
        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            device.traffic(PEER, 100, 100 + i * 100, Optional.of(clock.now().minusSeconds(i)));
            service.tick();
        }
        assertTrue(coordinator.announces.size() > before, "stale peer triggers an announcement");
    }

    @Test
    void viewsOfKeysWeDidNotListAreIgnored() {
        service.onPeerView(new PeerView(STRANGER, Endpoint.parse("198.18.9.9:1"), 1, NatKind.FIXED_MAPPING,
                Optional.empty(), SealedHint.none(), Optional.empty()));
        assertTrue(device.applied.stream().allMatch(c -> c.peers().isEmpty()));
    }

    @Test
    void anUnreadableDeviceIsSurvivedAndStatusStillAnswers() {
        device.broken = true;
        service.tick();
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "", Optional.empty()));
        DaemonStatus status = service.status();
        assertEquals("wg0", status.interfaceName());
        assertEquals(1, status.peers().size());
    }

    @Test
    void aConfiguredListenPortIsKeptAndTheNatIsProbedFromAnotherPort() throws Exception {
        FakeDevice fixed = new FakeDevice(51820, List.of(PEER));
        FakeProbe otherProbe = new FakeProbe();
        otherProbe.answer = new NatProbeResult(MappingBehaviour.ENDPOINT_INDEPENDENT, Optional.of(Endpoint.parse("198.18.1.1:40000")));
        RoamingSettings settings = new RoamingSettings("wg0", new KeyPair(PrivateKey.of(new byte[32]), key(1)),
                List.of(new Peer(PEER, List.of(), Optional.empty(), Optional.empty())), COORDINATOR, Optional.of(51820),
                true, Duration.ofSeconds(25), Duration.ofSeconds(10), true);
        RoamingService pinned = new RoamingService(settings, fixed, monitor, coordinator, new PlainSealer(), otherProbe,
                clock, new Random(1)::nextInt);
        pinned.start();
        assertEquals(51820, fixed.listenPort);
        assertEquals(List.of(0), otherProbe.probedPorts);
        assertEquals(NatKind.FIXED_MAPPING, coordinator.last().natKind());
        assertEquals(Optional.empty(), coordinator.last().mapped(), "that port's mapping says nothing of 51820's");
        assertFalse(fixed.applied.stream().anyMatch(c -> c.listenPort().isPresent()));
    }

    @Test
    void statusShowsPortNatAndPeers() {
        service.onObserved(Endpoint.parse("198.18.1.1:33333"));
        service.onPeerView(view("198.18.1.2", 51822, NatKind.FIXED_MAPPING, Optional.empty(), "", Optional.empty()));
        DaemonStatus status = service.status();
        assertEquals(device.listenPort, status.listenPort());
        assertEquals(NatKind.FIXED_MAPPING, status.natKind());
        assertTrue(status.sessionUp());
        assertEquals("observed", status.peers().get(0).path());
        assertEquals(Optional.of(Endpoint.parse("198.18.1.2:51822")), status.peers().get(0).endpoint());
    }
}
