package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.InterfaceName;
import dev.wireplug.domain.net.IpPrefix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against a real wireguard-go in namespace wgt-ns (interface wgt0): what the adapter writes, it
 * reads back, and {@code wg show wgt0 dump} (wireguard-tools, an independent UAPI client) agrees.
 * The behaviour every backend shares is in {@link WireGuardDeviceContract}.
 * Endpoints are lab addresses (198.18.0.0/15, fd00::/8); the tunnel stays down, so nothing is sent.
 */
@Tag("lab")
class UapiWireGuardDeviceLabTest extends WireGuardDeviceContract {
    @Override
    WireGuardDevice device() {
        return device;
    }

    private static final String IFNAME = "wgt0";
    private static Lab lab;
    private static UapiWireGuardDevice device;

    @BeforeAll
    static void startWireguardGo() {
        Lab.requireRootAnd("ip", "wireguard-go", "wg");
        lab = Lab.namespace("wgt-ns");
        Path socket = lab.startWireguardGo(IFNAME);
        device = new UapiWireGuardDevice(new InterfaceName(IFNAME), socket, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everythingWrittenIsReadBackAndWgAgrees() throws Exception {
        PrivateKey key = privateKey();
        PublicKey a = peerKey();
        PublicKey b = peerKey();
        DeviceChange change = new DeviceChange(Optional.of(key), OptionalInt.of(51901), OptionalInt.of(0x1234), true,
                List.of(new PeerChange(a, false, false, Optional.of(Endpoint.parse("198.18.0.2:51820")),
                                Optional.of(Duration.ofSeconds(25)),
                                Optional.of(List.of(IpPrefix.parse("10.77.0.2/32"), IpPrefix.parse("10.78.0.0/24")))),
                        new PeerChange(b, false, false, Optional.of(Endpoint.parse("[fd00:77::2]:4500")),
                                Optional.empty(), Optional.of(List.of(IpPrefix.parse("fd00:78::/64"))))));

        device.apply(change);
        DeviceState state = device.read();

        assertEquals(Optional.of(Curve25519PublicKeys.of(key)), state.publicKey());
        assertEquals(51901, state.listenPort());
        assertEquals(0x1234, state.fwmark());
        assertEquals(2, state.peers().size());
        PeerState readA = state.peer(a).orElseThrow();
        assertEquals(Optional.of(Endpoint.parse("198.18.0.2:51820")), readA.endpoint());
        assertEquals(Optional.of(Duration.ofSeconds(25)), readA.persistentKeepalive());
        assertEquals(List.of(IpPrefix.parse("10.77.0.2/32"), IpPrefix.parse("10.78.0.0/24")), readA.allowedIps());
        assertEquals(Optional.empty(), readA.lastHandshake());
        PeerState readB = state.peer(b).orElseThrow();
        assertEquals(Optional.of(Endpoint.parse("[fd00:77::2]:4500")), readB.endpoint());
        assertEquals(List.of(IpPrefix.parse("fd00:78::/64")), readB.allowedIps());

        // wg(8) dump: interface line "private public port fwmark", then one line per peer:
        // "public preshared endpoint allowed-ips handshake rx tx keepalive", tab-separated.
        String[] lines = Lab.run(false, "wg", "show", IFNAME, "dump").strip().split("\n");
        String[] iface = lines[0].split("\t");
        assertEquals(key.toBase64(), iface[0]);
        assertEquals(Curve25519PublicKeys.of(key).toBase64(), iface[1]);
        assertEquals("51901", iface[2]);
        assertEquals("0x1234", iface[3]);
        assertEquals(3, lines.length);
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            String[] f = line.split("\t");
            PeerState mine = state.peer(PublicKey.parse(f[0])).orElseThrow();
            assertEquals(mine.endpoint().map(Endpoint::toString).orElse("(none)"), f[2]);
            assertEquals(mine.allowedIps().stream().map(IpPrefix::toString).collect(Collectors.joining(",")), f[3]);
            assertEquals("0", f[4]);
            assertEquals(Long.toString(mine.rxBytes()), f[5]);
            assertEquals(Long.toString(mine.txBytes()), f[6]);
            assertEquals(mine.persistentKeepalive().map(d -> Long.toString(d.toSeconds())).orElse("off"), f[7]);
        }
    }

    @Test
    void aMissingInterfaceNamesTheInterfaceAndTheBackend() {
        InterfaceName missing = new InterfaceName("wgt-missing9");
        UapiWireGuardDevice absent = new UapiWireGuardDevice(missing, UapiWireGuardDevice.socketFor(missing),
                Duration.ofSeconds(1));
        DeviceException e = assertThrows(DeviceException.class, absent::read);
        assertTrue(e.getMessage().contains("wgt-missing9"), e.getMessage());
        assertTrue(e.getMessage().contains(UapiWireGuardDevice.BACKEND), e.getMessage());
    }

    @Test
    void aRejectedChangeIsADeviceErrorWithTheErrnoAndKeepsPeersAndKey() throws Exception {
        DeviceState before = device.read();
        // Make the port the change asks for busy with a UDP socket of our own: wireguard-go answers EADDRINUSE.
        Process holder = lab.spawn(lab.probe("hold-udp", "51999"));
        try {
            byte[] bound = new byte[5];
            assertEquals(5, holder.getInputStream().readNBytes(bound, 0, 5), "the port holder did not start");
            DeviceException e = assertThrows(DeviceException.class, () -> device.apply(new DeviceChange(
                    Optional.empty(), OptionalInt.of(51999), OptionalInt.empty(), false, List.of())));
            assertTrue(e.getMessage().contains("errno="), e.getMessage());
            assertTrue(e.getMessage().contains(IFNAME), e.getMessage());
            // wireguard-go (0.0.20220316) closes its old port before binding the new one, so a failed
            // port change leaves it with none: it is not transactional here. Everything else stays.
            DeviceState after = device.read();
            assertEquals(before.publicKey(), after.publicKey());
            assertEquals(before.fwmark(), after.fwmark());
            // wireguard-go lists peers in map order, which changes from one read to the next.
            assertEquals(java.util.Set.copyOf(before.peers()), java.util.Set.copyOf(after.peers()));
            System.out.println("uapi-lab rejected-port listen_port before=" + before.listenPort() + " after="
                    + after.listenPort());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            holder.destroy();
        }
    }
}
