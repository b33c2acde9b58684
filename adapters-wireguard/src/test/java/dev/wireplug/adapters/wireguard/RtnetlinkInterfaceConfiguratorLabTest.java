package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.InterfaceName;
import dev.wireplug.domain.net.IpPrefix;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two lab hosts, namespaces wgt-a and wgt-b joined by a veth (198.18.0.1 / 198.18.0.2), each with
 * wireguard-go (wgta, wgtb). The device is set through the UAPI adapter and the interface through
 * the rtnetlink configurator (run inside each namespace); then A pings B through the tunnel.
 */
@Tag("lab")
class RtnetlinkInterfaceConfiguratorLabTest {
    private static PrivateKey newKey(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        b[0] &= (byte) 248;
        b[31] = (byte) ((b[31] & 127) | 64);
        return PrivateKey.of(b);
    }

    @Test
    void twoHostsPingThroughTheTunnelTheyWereConfiguredWith() throws Exception {
        Lab.requireRootAnd("ip", "wireguard-go", "ping");
        try (Lab a = Lab.namespace("wgt-a"); Lab b = Lab.namespace("wgt-b")) {
            a.inside("ip", "link", "add", "wgt-va", "type", "veth", "peer", "name", "wgt-vb", "netns", "wgt-b");
            a.inside("ip", "addr", "add", "198.18.0.1/24", "dev", "wgt-va");
            a.inside("ip", "link", "set", "wgt-va", "up");
            b.inside("ip", "addr", "add", "198.18.0.2/24", "dev", "wgt-vb");
            b.inside("ip", "link", "set", "wgt-vb", "up");
            Path socketA = a.startWireguardGo("wgta");
            Path socketB = b.startWireguardGo("wgtb");

            SecureRandom random = new SecureRandom();
            PrivateKey keyA = newKey(random);
            PrivateKey keyB = newKey(random);
            UapiWireGuardDevice deviceA = new UapiWireGuardDevice(new InterfaceName("wgta"), socketA, Duration.ofSeconds(5));
            UapiWireGuardDevice deviceB = new UapiWireGuardDevice(new InterfaceName("wgtb"), socketB, Duration.ofSeconds(5));
            deviceA.apply(new DeviceChange(Optional.of(keyA), OptionalInt.of(51820), OptionalInt.empty(), true, List.of(
                    new PeerChange(Curve25519PublicKeys.of(keyB), false, false,
                            Optional.of(Endpoint.parse("198.18.0.2:51820")), Optional.empty(),
                            Optional.of(List.of(IpPrefix.parse("10.70.0.2/32"), IpPrefix.parse("fd00:70::2/128")))))));
            deviceB.apply(new DeviceChange(Optional.of(keyB), OptionalInt.of(51820), OptionalInt.empty(), true, List.of(
                    new PeerChange(Curve25519PublicKeys.of(keyA), false, false,
                            Optional.of(Endpoint.parse("198.18.0.1:51820")), Optional.empty(),
                            Optional.of(List.of(IpPrefix.parse("10.70.0.1/32"), IpPrefix.parse("fd00:70::1/128")))))));

            assertEquals("ok", a.runProbe("configure", "wgta", "1380", "10.70.0.1/24,fd00:70::1/64",
                    "10.70.0.2/32,fd00:70::2/128,0.0.0.0/0").strip().lines().reduce((x, y) -> y).orElse(""));
            assertEquals("ok", b.runProbe("configure", "wgtb", "-", "10.70.0.2/24,fd00:70::2/64",
                    "10.70.0.1/32,fd00:70::1/128").strip().lines().reduce((x, y) -> y).orElse(""));
            assertEquals("ok", a.runProbe("configure", "wgta", "1380", "10.70.0.1/24,fd00:70::1/64",
                    "10.70.0.2/32,fd00:70::2/128").strip().lines().reduce((x, y) -> y).orElse(""),
                    "applying the same setup again is fine");

            String link = a.inside("ip", "addr", "show", "dev", "wgta");
            assertTrue(link.contains("mtu 1380"), link);
            assertTrue(link.contains(",UP"), link);
            assertTrue(link.contains("inet 10.70.0.1/24"), link);
            assertTrue(link.contains("inet6 fd00:70::1/64"), link);
            String routes = a.inside("ip", "route", "show", "dev", "wgta");
            assertTrue(routes.contains("10.70.0.2 "), routes);
            assertTrue(!a.inside("ip", "route", "show", "default").contains("wgta"), "no default route installed");

            String ping = a.inside("ping", "-c", "3", "-i", "0.2", "-W", "2", "10.70.0.2");
            assertTrue(ping.contains(" 0% packet loss"), ping);
            String ping6 = a.inside("ping", "-6", "-c", "3", "-i", "0.2", "-W", "2", "fd00:70::2");
            assertTrue(ping6.contains(" 0% packet loss"), ping6);

            DeviceState state = deviceA.read();
            assertTrue(state.peers().get(0).lastHandshake().isPresent(), "a handshake happened");
            assertTrue(state.peers().get(0).rxBytes() > 0);

            String missing = a.runProbe("configure", "wgt-nope", "-", "10.70.9.1/24", "-");
            assertTrue(missing.contains("error") && missing.contains("wgt-nope")
                    && missing.contains(RtnetlinkInterfaceConfigurator.BACKEND), missing);
        }
    }
}
