package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.ClientConfigParser;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.DeviceSync;
import dev.wireplug.domain.device.InterfaceSetup;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.net.InterfaceName;
import dev.wireplug.domain.net.IpPrefix;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two lab hosts configured from wg-quick style files the way {@code wireplugd IFNAME --config F}
 * will (DeviceSync through the UAPI adapter, then the rtnetlink configurator). Two lab hosts, namespaces wgt-a and wgt-b joined by a veth (198.18.0.1 / 198.18.0.2), each with
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

    private static String configure(Lab lab, InterfaceSetup setup) {
        String out = lab.runProbe("configure", setup.name().value(),
                setup.mtu().isPresent() ? Integer.toString(setup.mtu().getAsInt()) : "-", list(setup.addresses()),
                list(setup.routes())).strip();
        return out.lines().reduce((x, y) -> y).orElse("");
    }

    private static String list(List<IpPrefix> prefixes) {
        return prefixes.isEmpty() ? "-" : prefixes.stream().map(IpPrefix::toString).collect(Collectors.joining(","));
    }

    @Test
    void twoHostsPingThroughTheTunnelTheyWereConfiguredWith() throws Exception {
        Lab.requireRootAnd("ip", "wireguard-go", "wg", "ping");
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
            ClientConfig configA = ClientConfigParser.parse("a.conf", """
                    [Interface]
                    PrivateKey = %s
                    ListenPort = 51820
                    Address = 10.70.0.1/24, fd00:70::1/64
                    MTU = 1380

                    [Peer]
                    PublicKey = %s
                    Endpoint = 198.18.0.2:51820
                    AllowedIPs = 10.70.0.2/32, fd00:70::2/128
                    """.formatted(keyA.toBase64(), Curve25519PublicKeys.of(keyB)).lines().toList());
            ClientConfig configB = ClientConfigParser.parse("b.conf", """
                    [Interface]
                    PrivateKey = %s
                    ListenPort = 51820
                    Address = 10.70.0.2/24, fd00:70::2/64

                    [Peer]
                    PublicKey = %s
                    Endpoint = 198.18.0.1:51820
                    AllowedIPs = 10.70.0.1/32, fd00:70::1/128
                    PersistentKeepalive = 25
                    """.formatted(keyB.toBase64(), Curve25519PublicKeys.of(keyA)).lines().toList());
            UapiWireGuardDevice deviceA = new UapiWireGuardDevice(new InterfaceName("wgta"), socketA, Duration.ofSeconds(5));
            UapiWireGuardDevice deviceB = new UapiWireGuardDevice(new InterfaceName("wgtb"), socketB, Duration.ofSeconds(5));

            // What wireplugd IFNAME --config F will do: sync the device, then set up the interface.
            deviceA.apply(DeviceSync.change(configA, deviceA.read()));
            deviceB.apply(DeviceSync.change(configB, deviceB.read()));
            assertEquals("ok", configure(a, DeviceSync.interfaceSetup(new InterfaceName("wgta"), configA)));
            assertEquals("ok", configure(b, DeviceSync.interfaceSetup(new InterfaceName("wgtb"), configB)));
            assertEquals("ok", configure(a, DeviceSync.interfaceSetup(new InterfaceName("wgta"), configA)),
                    "applying the same setup again is fine");
            deviceA.apply(DeviceSync.change(configA, deviceA.read()));

            // wg show agrees with the file.
            String[] dump = Lab.run(false, "wg", "show", "wgta", "dump").strip().split("\n");
            assertEquals(2, dump.length);
            String[] iface = dump[0].split("\t");
            assertEquals(keyA.toBase64(), iface[0]);
            assertEquals("51820", iface[2]);
            String[] peer = dump[1].split("\t");
            assertEquals(Curve25519PublicKeys.of(keyB).toBase64(), peer[0]);
            assertEquals("198.18.0.2:51820", peer[2]);
            assertEquals("10.70.0.2/32,fd00:70::2/128", peer[3]);
            assertEquals("25", Lab.run(false, "wg", "show", "wgtb", "dump").strip().split("\n")[1].split("\t")[7]);

            String link = a.inside("ip", "addr", "show", "dev", "wgta");
            assertTrue(link.contains("mtu 1380"), link);
            assertTrue(link.contains(",UP"), link);
            assertTrue(link.contains("inet 10.70.0.1/24"), link);
            assertTrue(link.contains("inet6 fd00:70::1/64"), link);
            String routes = a.inside("ip", "route", "show", "dev", "wgta");
            assertTrue(routes.contains("10.70.0.2 "), routes);

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
