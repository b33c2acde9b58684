package dev.wireplug.domain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.InterfaceSettings;
import dev.wireplug.domain.config.PeerSettings;
import dev.wireplug.domain.config.WireplugSettings;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.InterfaceName;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.peer.Peer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeviceSyncTest {
    private static PublicKey key(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return PublicKey.of(b);
    }

    private static final PrivateKey PRIVATE = PrivateKey.of(new byte[32]);

    private static ClientConfig config(OptionalInt port, OptionalInt mtu, Peer... peers) {
        List<PeerSettings> settings = Arrays.stream(peers).map(p -> new PeerSettings(p, 1)).toList();
        return new ClientConfig(new InterfaceSettings(PRIVATE, port, List.of(IpPrefix.parse("10.70.0.1/24")), mtu),
                settings, WireplugSettings.defaults());
    }

    private static PeerState state(PublicKey key) {
        return new PeerState(key, Optional.of(Endpoint.parse("198.18.0.9:1")), List.of(), Optional.empty(),
                Optional.empty(), 0, 0);
    }

    @Test
    void updatesListedPeersInPlaceAndRemovesTheOthers() {
        Peer a = new Peer(key(1), List.of(IpPrefix.parse("10.70.0.2/32")), Optional.of(Endpoint.parse("198.18.0.2:51820")),
                Optional.of(Duration.ofSeconds(25)));
        Peer b = new Peer(key(2), List.of(IpPrefix.parse("10.70.0.3/32")), Optional.empty(), Optional.empty());
        DeviceState current = new DeviceState(Optional.empty(), 51820, 0, List.of(state(key(1)), state(key(3))));

        DeviceChange change = DeviceSync.change(config(OptionalInt.of(51820), OptionalInt.empty(), a, b), current);

        assertEquals(Optional.of(PRIVATE), change.privateKey());
        assertEquals(OptionalInt.of(51820), change.listenPort());
        assertEquals(false, change.replacePeers(), "replacing would drop every session");
        assertEquals(List.of(
                new PeerChange(key(1), false, false, Optional.of(Endpoint.parse("198.18.0.2:51820")),
                        Optional.of(Duration.ofSeconds(25)), Optional.of(List.of(IpPrefix.parse("10.70.0.2/32")))),
                new PeerChange(key(2), false, false, Optional.empty(), Optional.of(Duration.ZERO),
                        Optional.of(List.of(IpPrefix.parse("10.70.0.3/32")))),
                PeerChange.removal(key(3))), change.peers());
    }

    @Test
    void noListenPortLeavesTheDevicesPort() {
        DeviceChange change = DeviceSync.change(config(OptionalInt.empty(), OptionalInt.empty()),
                new DeviceState(Optional.empty(), 4000, 0, List.of()));
        assertEquals(OptionalInt.empty(), change.listenPort());
        assertEquals(List.of(), change.peers());
    }

    @Test
    void interfaceSetupRoutesEveryAllowedPrefixOnce() {
        Peer a = new Peer(key(1), List.of(IpPrefix.parse("10.71.1.7/16"), IpPrefix.parse("fd00:71::/48")),
                Optional.empty(), Optional.empty());
        Peer b = new Peer(key(2), List.of(IpPrefix.parse("10.71.0.0/16")), Optional.empty(), Optional.empty());
        InterfaceSetup setup = DeviceSync.interfaceSetup(new InterfaceName("wg0"),
                config(OptionalInt.empty(), OptionalInt.of(1380), a, b));
        assertEquals(List.of(IpPrefix.parse("10.70.0.1/24")), setup.addresses());
        assertEquals(OptionalInt.of(1380), setup.mtu());
        assertEquals(List.of(IpPrefix.parse("10.71.0.0/16"), IpPrefix.parse("fd00:71::/48")), setup.routes());
    }
}
