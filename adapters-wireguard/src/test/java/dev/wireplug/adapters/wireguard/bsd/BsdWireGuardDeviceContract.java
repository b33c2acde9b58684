package dev.wireplug.adapters.wireguard.bsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.publicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * What every BSD {@link WireGuardDevice} must do, run against a simulated kernel that applies
 * SIOCSWG the way the real one does (wg_ioctl_set on OpenBSD, wgc_set/wg_peer_add on FreeBSD) and
 * answers SIOCGWG from its state. The simulations parse the requests independently of the codecs
 * under test.
 */
public abstract class BsdWireGuardDeviceContract {
    /** A device on interface "wg5" whose kernel knows that interface. */
    protected abstract WireGuardDevice device();

    /** A device on "wg6", which the kernel does not have. */
    protected abstract WireGuardDevice missingDevice();

    private static PeerChange peer(int seed, String endpoint, String... aips) {
        return new PeerChange(publicKey(seed), false, false, Optional.of(Endpoint.parse(endpoint)),
                Optional.of(Duration.ofSeconds(25)),
                Optional.of(java.util.Arrays.stream(aips).map(IpPrefix::parse).toList()));
    }

    private static DeviceChange configure(List<PeerChange> peers) {
        return new DeviceChange(Optional.empty(), OptionalInt.of(51820), OptionalInt.empty(), true, peers);
    }

    @Test
    void whatIsAppliedIsReadBack() throws Exception {
        WireGuardDevice device = device();
        device.apply(configure(List.of(peer(1, "198.18.0.1:51820", "10.0.1.0/24"),
                peer(2, "[2001:db8::2]:4500", "10.0.2.0/24", "fd00:2::/64"))));

        DeviceState state = device.read();

        assertEquals(51820, state.listenPort());
        assertEquals(List.of(
                new PeerState(publicKey(1), Optional.of(Endpoint.parse("198.18.0.1:51820")),
                        List.of(IpPrefix.parse("10.0.1.0/24")), Optional.of(Duration.ofSeconds(25)),
                        Optional.empty(), 0, 0),
                new PeerState(publicKey(2), Optional.of(Endpoint.parse("[2001:db8::2]:4500")),
                        List.of(IpPrefix.parse("10.0.2.0/24"), IpPrefix.parse("fd00:2::/64")),
                        Optional.of(Duration.ofSeconds(25)), Optional.empty(), 0, 0)),
                state.peers());
    }

    @Test
    void anEndpointOnlyChangeMovesAnExistingPeerAndNeverCreatesOne() throws Exception {
        WireGuardDevice device = device();
        device.apply(configure(List.of(peer(1, "198.18.0.1:51820", "10.0.1.0/24"))));

        device.apply(DeviceChange.peersOnly(List.of(
                PeerChange.endpointOnly(publicKey(1), Endpoint.parse("198.18.0.77:40000")),
                PeerChange.endpointOnly(publicKey(9), Endpoint.parse("198.18.0.99:40000")))));

        DeviceState state = device.read();
        assertEquals(1, state.peers().size());
        PeerState moved = state.peer(publicKey(1)).orElseThrow();
        assertEquals(Optional.of(Endpoint.parse("198.18.0.77:40000")), moved.endpoint());
        assertEquals(List.of(IpPrefix.parse("10.0.1.0/24")), moved.allowedIps(), "allowed IPs untouched");
        assertEquals(Optional.of(Duration.ofSeconds(25)), moved.persistentKeepalive(), "keepalive untouched");
    }

    @Test
    void removingAPeerLeavesTheOthers() throws Exception {
        WireGuardDevice device = device();
        device.apply(configure(List.of(peer(1, "198.18.0.1:1", "10.0.1.0/24"), peer(2, "198.18.0.2:2", "10.0.2.0/24"))));

        device.apply(DeviceChange.peersOnly(List.of(PeerChange.removal(publicKey(1)))));

        assertEquals(List.of(publicKey(2)), device.read().peers().stream().map(PeerState::publicKey).toList());
    }

    @Test
    void replacingPeersDropsThoseNotListed() throws Exception {
        WireGuardDevice device = device();
        device.apply(configure(List.of(peer(1, "198.18.0.1:1", "10.0.1.0/24"), peer(2, "198.18.0.2:2", "10.0.2.0/24"))));

        device.apply(configure(List.of(peer(3, "198.18.0.3:3", "10.0.3.0/24"))));

        assertEquals(List.of(publicKey(3)), device.read().peers().stream().map(PeerState::publicKey).toList());
    }

    @Test
    void allowedIpsAreReplacedWhenGivenAndKeptWhenNot() throws Exception {
        WireGuardDevice device = device();
        device.apply(configure(List.of(peer(1, "198.18.0.1:1", "10.0.1.0/24", "10.0.11.0/24"))));

        device.apply(DeviceChange.peersOnly(List.of(new PeerChange(publicKey(1), false, false, Optional.empty(),
                Optional.of(Duration.ofSeconds(10)), Optional.empty()))));
        assertEquals(List.of(IpPrefix.parse("10.0.1.0/24"), IpPrefix.parse("10.0.11.0/24")),
                device.read().peers().get(0).allowedIps());

        device.apply(DeviceChange.peersOnly(List.of(new PeerChange(publicKey(1), false, false, Optional.empty(),
                Optional.empty(), Optional.of(List.of(IpPrefix.parse("10.0.12.0/24")))))));
        PeerState peer = device.read().peers().get(0);
        assertEquals(List.of(IpPrefix.parse("10.0.12.0/24")), peer.allowedIps());
        assertEquals(Optional.of(Duration.ofSeconds(10)), peer.persistentKeepalive());
    }

    @Test
    void aThousandPeersGoInAndComeBack() throws Exception {
        WireGuardDevice device = device();
        DeviceChange change = BsdFixtures.bulkChange(1000);
        long start = System.nanoTime();
        device.apply(change);
        DeviceState state = device.read();
        long elapsed = System.nanoTime() - start;
        assertEquals(BsdFixtures.expectedPeers(change), state.peers());
        System.out.printf("%s: apply + read of 1000 peers through the simulated kernel: %.1f ms%n",
                device.backendName(), elapsed / 1e6);
    }

    @Test
    void aMissingInterfaceNamesItAndTheBackendAndChangesNothing() {
        WireGuardDevice missing = missingDevice();
        DeviceException read = assertThrows(DeviceException.class, missing::read);
        DeviceException apply = assertThrows(DeviceException.class,
                () -> missing.apply(configure(List.of(peer(1, "198.18.0.1:1", "10.0.1.0/24")))));
        for (DeviceException e : List.of(read, apply)) {
            assertTrue(e.getMessage().contains("wg6") && e.getMessage().contains(missing.backendName()),
                    e.getMessage());
        }
    }
}
