package dev.wireplug.application.roaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.roaming.PortMappingKeeperTest.FakeService;
import dev.wireplug.application.roaming.PortMappingKeeperTest.QueuedScheduler;
import dev.wireplug.application.roaming.RoamingFakes.FakeClock;
import dev.wireplug.application.roaming.RoamingFakes.FakeCoordinator;
import dev.wireplug.application.roaming.RoamingFakes.FakeDevice;
import dev.wireplug.application.roaming.RoamingFakes.FakeMonitor;
import dev.wireplug.application.roaming.RoamingFakes.FakeProbe;
import dev.wireplug.application.roaming.RoamingFakes.PlainSealer;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The roaming loop with a port-mapping keeper: what it maps, and what it announces. */
class RoamingPortMappingTest {
    private static final PublicKey PEER = key(2);
    private static final Endpoint COORDINATOR = Endpoint.parse("198.18.0.10:3478");
    private static final NetworkSnapshot HOME = snapshot("10.1.0.11/24", "10.1.0.1");
    private static final NetworkSnapshot CAFE = snapshot("10.3.0.11/24", "10.3.0.1");
    private static final Endpoint STUN_SEEN = Endpoint.parse("198.18.1.1:40000");

    private final FakeDevice device = new FakeDevice(51821, List.of(PEER));
    private final FakeMonitor monitor = new FakeMonitor(HOME);
    private final FakeCoordinator coordinator = new FakeCoordinator();
    private final FakeProbe probe = new FakeProbe();
    private final List<FakeService> made = new ArrayList<>();
    private final QueuedScheduler background = new QueuedScheduler();
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

    @BeforeEach
    void startBehindAHardNat() throws Exception {
        probe.answer = new NatProbeResult(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT, Optional.of(STUN_SEEN));
        RoamingSettings settings = new RoamingSettings("wg0", new KeyPair(PrivateKey.of(new byte[32]), key(1)),
                List.of(new Peer(PEER, List.of(IpPrefix.parse("100.64.0.2/32")), Optional.empty(), Optional.empty())),
                COORDINATOR, Optional.empty(), true, Duration.ofSeconds(25), Duration.ofSeconds(10), true);
        PortMappingKeeper keeper = new PortMappingKeeper((port, publisher) -> {
            FakeService s = new FakeService(port, publisher);
            made.add(s);
            return s;
        }, background);
        service = new RoamingService(settings, device, monitor, coordinator, new PlainSealer(), probe, new FakeClock(),
                new Random(42)::nextInt, keeper);
        service.start();
    }

    @Test
    void theListenPortIsMappedWithTheAddressTheProbeSaw() {
        assertEquals(1, made.size());
        assertEquals(device.listenPort, made.get(0).port);
        assertEquals(List.of("start", "observed 198.18.1.1"), made.get(0).calls);
        service.onObserved(Endpoint.parse("198.18.1.1:35000"));
        assertEquals("observed 198.18.1.1", made.get(0).calls.get(2), "the coordinator's view goes to the policy");
    }

    @Test
    void behindAHardNatTheGatewayMappingIsAnnouncedOnceItHolds() {
        assertEquals(NatKind.DESTINATION_DEPENDENT, coordinator.last().natKind());
        assertEquals(Optional.empty(), coordinator.last().mapped(), "the STUN mapping of a hard NAT is no use to peers");
        Endpoint gateway = new Endpoint(IpAddresses.parse("198.18.1.1"), made.get(0).port);
        made.get(0).publisher.publish(Optional.of(made.get(0).mapping()), Optional.of(gateway));
        int before = coordinator.announces.size();
        service.tick();
        assertEquals(before + 1, coordinator.announces.size());
        assertEquals(Optional.of(gateway), coordinator.last().mapped());
        assertTrue(service.status().mapping().isPresent(), "status shows the mapping");
        service.tick();
        assertEquals(before + 1, coordinator.announces.size(), "no change, no announcement");

        made.get(0).publisher.publish(Optional.empty(), Optional.empty());
        service.tick();
        assertEquals(Optional.empty(), coordinator.last().mapped(), "a mapping that stopped holding is withdrawn");
    }

    @Test
    void anotherNetworkGetsItsOwnMappingAndTheOldOneIsDeleted() {
        Endpoint gateway = new Endpoint(IpAddresses.parse("198.18.1.1"), made.get(0).port);
        made.get(0).publisher.publish(Optional.of(made.get(0).mapping()), Optional.of(gateway));
        service.tick();
        monitor.snapshot = CAFE;
        service.onNetworkChange();
        assertEquals(2, made.size());
        assertEquals(device.listenPort, made.get(1).port);
        assertEquals(Optional.empty(), coordinator.last().mapped(), "the old network's port is not announced");
        background.runAll();
        assertTrue(made.get(0).calls.contains("shutdown"));
        assertEquals("start", made.get(1).calls.get(made.get(1).calls.size() - 1), "mapped after the old one went");
    }
}
