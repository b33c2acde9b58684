package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wireplugd IFNAME --config F} configures a wireguard-go device the way wg-quick would: a
 * key, port, peers, addresses and routes that the lab did not set, so the tunnel can only work if
 * the daemon applied the file.
 */
@LabTest
class DeviceConfigLabTest {

    private record Keys(String privateKey, String publicKey) {
        static Keys generate() {
            String wg = Prerequisites.path("wg");
            String privateKey = Exec.check(wg, "genkey").stdout().strip();
            return new Keys(privateKey, Exec.run(List.of(wg, "pubkey"), privateKey + "\n").check().stdout().strip());
        }
    }

    private static String config(Keys own, int port, String address, Keys peer, String peerAddress, String endpoint) {
        return """
                [Interface]
                PrivateKey = %s
                ListenPort = %d
                Address = %s/32
                MTU = 1380

                [Peer]
                PublicKey = %s
                AllowedIPs = %s/32
                Endpoint = %s
                PersistentKeepalive = 5
                """.formatted(own.privateKey(), port, address, peer.publicKey(), peerAddress, endpoint);
    }

    @Test
    void theDaemonAppliesKeyPortPeersAddressesAndRoutesFromTheFile() {
        try (Lab lab = Lab.up(Topology.builder().router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r1").build())) {
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Keys ka = Keys.generate();
            Keys kb = Keys.generate();
            // A fresh interface, as a user has before the first run: without the lab's own overlay
            // address, which would otherwise be the source of the pings and miss b's AllowedIPs.
            a.exec("ip", "addr", "flush", "dev", a.wireguardInterface());
            b.exec("ip", "addr", "flush", "dev", b.wireguardInterface());
            Coordination.startDaemon(a, config(ka, 40001, "10.99.0.1", kb, "10.99.0.2", b.lanAddress() + ":40002"));
            Coordination.startDaemon(b, config(kb, 40002, "10.99.0.2", ka, "10.99.0.1", a.lanAddress() + ":40001"));

            PingSeries ping = a.ping("10.99.0.2", 5, Duration.ofMillis(200));
            assertTrue(ping.count() > 0, "no ping through the tunnel the daemon configured\n" + a.wgShowText());

            WgDump shown = a.wgShow();
            assertEquals(ka.publicKey(), shown.publicKey());
            assertEquals(40001, shown.listenPort());
            assertEquals(1, shown.peers().size());
            assertEquals(kb.publicKey(), shown.peers().get(0).publicKey());
            assertEquals("10.99.0.2/32", shown.peers().get(0).allowedIps());
            assertTrue(a.exec("ip", "-o", "addr", "show", "dev", a.wireguardInterface()).stdout().contains("10.99.0.1/32"));
            assertTrue(a.exec("ip", "link", "show", "dev", a.wireguardInterface()).stdout().contains("mtu 1380"));
            assertTrue(a.exec("ip", "route", "show", "10.99.0.2").stdout().contains(a.wireguardInterface()));
            System.out.println("device config: " + ping.count() + "/5 pings over addresses only wireplugd set");
        }
    }

    @Test
    void aMissingDeviceIsNamedWithTheBackendTried() {
        try (Lab lab = Lab.up(Topology.builder().router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").build())) {
            LabHost a = lab.host("a");
            WgDump before = a.wgShow();
            Keys k = Keys.generate();
            Exec.Result result = a.exec(LabPaths.program("wireplugd").toString(), "wgmissing0", "--config",
                    writeConfig(lab, "missing.conf", config(k, 40001, "10.99.0.1", k, "10.99.0.2", "10.1.0.1:1")));
            assertEquals(1, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("wgmissing0"), result.stderr());
            assertTrue(result.stderr().toLowerCase().contains("netlink"), "names the backend tried: " + result.stderr());
            assertEquals(before, a.wgShow(), "another device on the host was not touched");
        }
    }

    @Test
    void withNoConfigTheDaemonLeavesKeyPortPeersAndAddressesAlone() {
        try (Lab lab = Lab.up(Topology.builder().router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r1").build())) {
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            a.setPeer(b, java.util.Optional.of(b.lanAddress() + ":" + b.wgShow().listenPort()), 0);
            WgDump before = a.wgShow();
            String addressesBefore = a.exec("ip", "-o", "addr", "show", "dev", a.wireguardInterface()).stdout();
            // A file that disagrees with the device in everything: only endpoints may be managed.
            Keys other = Keys.generate();
            Coordination.startDaemon(a, config(other, 40009, "10.99.9.1", Keys.generate(), "10.99.9.2",
                    "10.1.0.99:40010"), "--no-config");
            LabProcess.sleep(Duration.ofSeconds(1));
            WgDump after = a.wgShow();
            assertEquals(before.publicKey(), after.publicKey());
            assertEquals(before.listenPort(), after.listenPort());
            assertEquals(before.peers().stream().map(WgDump.Peer::publicKey).toList(),
                    after.peers().stream().map(WgDump.Peer::publicKey).toList());
            assertEquals(before.peers().get(0).allowedIps(), after.peers().get(0).allowedIps());
            assertEquals(addressesBefore, a.exec("ip", "-o", "addr", "show", "dev", a.wireguardInterface()).stdout());
            System.out.println("--no-config: key, port, peers and addresses unchanged");
        }
    }

    private static String writeConfig(Lab lab, String name, String text) {
        java.nio.file.Path path = lab.runDir().resolve(name);
        try {
            java.nio.file.Files.writeString(path, text);
        } catch (java.io.IOException e) {
            throw new LabException("cannot write " + path, e);
        }
        return path.toString();
    }
}
