package dev.wireplug.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.peer.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClientConfigParserTest {
    static final String PRIVATE = "8H5b0Y4Bqz7w8uQPv2ZMqeQyFZ0Q0s3w7y3VZkWm4Ek=";
    static final String PEER_A = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";
    static final String PEER_B = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

    private static ClientConfig parse(String text) throws ConfigException {
        return ClientConfigParser.parse("/etc/wireplugd.wg0", text.lines().toList());
    }

    private static ConfigException rejected(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    @Test
    void readsEverySectionAndKey() throws ConfigException {
        ClientConfig config = parse("""
                # laptop
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                Address = 10.9.0.1/24, fd09::1/64
                Address = 10.9.1.1/32
                MTU = 1380

                [Peer]  # the server
                PublicKey = %s
                AllowedIPs = 10.9.0.2/32,fd09::2/128
                Endpoint = 198.18.0.20:51820
                PersistentKeepalive = 25

                [peer]
                publickey = %s
                allowedips = 10.9.0.3/32

                [Wireplug]
                Coordinator = coord.example.net:4000
                CoordinatorKey = %s
                NatTraversal = off
                PortMapping = upnp, pcp
                Relay = no
                WireGuardImplementation = userspace
                """.formatted(PRIVATE, PEER_A, PEER_B, PEER_B));

        InterfaceSettings i = config.interfaceSettings();
        assertEquals(PRIVATE, i.privateKey().toBase64());
        assertEquals(OptionalInt.of(51820), i.listenPort());
        assertEquals(List.of(IpPrefix.parse("10.9.0.1/24"), IpPrefix.parse("fd09::1/64"), IpPrefix.parse("10.9.1.1/32")),
                i.addresses());
        assertEquals(OptionalInt.of(1380), i.mtu());

        assertEquals(2, config.peers().size());
        Peer a = config.peers().get(0).peer();
        assertEquals(PEER_A, a.publicKey().toBase64());
        assertEquals(List.of(IpPrefix.parse("10.9.0.2/32"), IpPrefix.parse("fd09::2/128")), a.allowedIps());
        assertEquals(Optional.of(Endpoint.parse("198.18.0.20:51820")), a.endpoint());
        assertEquals(Optional.of(Duration.ofSeconds(25)), a.persistentKeepalive());
        assertEquals(9, config.peers().get(0).line());
        Peer b = config.peers().get(1).peer();
        assertEquals(Optional.empty(), b.endpoint());
        assertEquals(Optional.empty(), b.persistentKeepalive());

        WireplugSettings w = config.wireplug();
        assertEquals(Optional.of(new HostPort("coord.example.net", 4000)), w.coordinator());
        assertEquals(PEER_B, w.coordinatorKey().orElseThrow().toBase64());
        assertFalse(w.natTraversal());
        assertEquals(List.of(MappingMethod.UPNP, MappingMethod.PCP), w.portMapping());
        assertFalse(w.relay());
        assertEquals(WireGuardImplementation.USERSPACE, w.implementation());
    }

    @Test
    void defaultsWhenOnlyThePrivateKeyIsGiven() throws ConfigException {
        ClientConfig config = parse("[Interface]\nPrivateKey=" + PRIVATE + "\n");
        assertEquals(OptionalInt.empty(), config.interfaceSettings().listenPort());
        assertEquals(WireplugSettings.defaults(), config.wireplug());
        assertTrue(config.peers().isEmpty());
        assertEquals(3478, parse("[Interface]\nPrivateKey=" + PRIVATE + "\n[Wireplug]\nCoordinator = 198.18.0.2\n")
                .wireplug().coordinator().orElseThrow().port());
    }

    @Test
    void portMappingNoneMeansNoMethods() throws ConfigException {
        assertEquals(List.of(), parse("[Interface]\nPrivateKey=" + PRIVATE + "\n[Wireplug]\nPortMapping = none\n")
                .wireplug().portMapping());
    }

    @Test
    void aBadKeyNamesFileLineAndProblem() {
        ConfigException e = rejected("[Interface]\nPrivateKey = not-a-key\n");
        assertEquals("/etc/wireplugd.wg0", e.source());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("/etc/wireplugd.wg0:2: PrivateKey: "), e.getMessage());
        assertTrue(e.getMessage().contains("44 characters"), e.getMessage());
    }

    @Test
    void aBadPeerKeyNamesItsLine() {
        ConfigException e = rejected("[Interface]\nPrivateKey = " + PRIVATE + "\n\n[Peer]\nPublicKey = "
                + PEER_A.substring(2) + "\n");
        assertEquals(5, e.line());
    }

    @Test
    void aBadCidrNamesItsLine() {
        ConfigException e = rejected("[Interface]\nPrivateKey = " + PRIVATE + "\n[Peer]\nPublicKey = " + PEER_A
                + "\nAllowedIPs = 10.0.0.0/8, 10.1.0.0/33\n");
        assertEquals(5, e.line());
        assertTrue(e.problem().startsWith("AllowedIPs: "), e.problem());
        assertTrue(e.problem().contains("33"), e.problem());
    }

    @Test
    void anUnknownSectionIsRejected() {
        ConfigException e = rejected("[Interface]\nPrivateKey = " + PRIVATE + "\n[Peers]\n");
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("unknown section [Peers]"), e.problem());
    }

    @Test
    void aDuplicatePeerIsRejectedPointingAtBothSections() {
        ConfigException e = rejected("""
                [Interface]
                PrivateKey = %s
                [Peer]
                PublicKey = %s
                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.2/32
                """.formatted(PRIVATE, PEER_A, PEER_A));
        assertEquals(5, e.line());
        assertTrue(e.problem().contains("duplicate peer") && e.problem().contains("line 3"), e.problem());
    }

    @Test
    void rejectsStructuralMistakes() {
        assertEquals(0, rejected("").line());
        assertEquals(1, rejected("[Interface]\n").line());
        assertEquals(1, rejected("PrivateKey = " + PRIVATE).line());
        assertEquals(3, rejected("[Interface]\nPrivateKey = " + PRIVATE + "\nPrivateKey = " + PRIVATE).line());
        assertEquals(3, rejected("[Interface]\nPrivateKey = " + PRIVATE + "\n[Interface]").line());
        assertEquals(3, rejected("[Interface]\nPrivateKey = " + PRIVATE + "\nListenPort\n").line());
        assertEquals(3, rejected("[Interface]\nPrivateKey = " + PRIVATE + "\nListenPort =\n").line());
        assertEquals(3, rejected("[Interface]\nPrivateKey = " + PRIVATE + "\n[Peer\n").line());
        assertEquals(3, rejected("[Interface]\nPrivateKey = " + PRIVATE + "\n[Peer]\nAllowedIPs = 10.0.0.1/32\n").line());
        assertEquals(4, rejected("[Interface]\nPrivateKey = " + PRIVATE + "\n[Wireplug]\n[Wireplug]\n").line());
    }

    @Test
    void rejectsBadValuesWithTheKeyNamed() {
        String head = "[Interface]\nPrivateKey = " + PRIVATE + "\n";
        for (String line : List.of("ListenPort = 0", "ListenPort = 70000", "MTU = 100", "Table = off",
                "DNS = 1.1.1.1", "Foo = bar")) {
            ConfigException e = rejected(head + line);
            assertEquals(3, e.line(), line);
            assertTrue(e.problem().startsWith(line.substring(0, line.indexOf(' '))), e.problem());
        }
        String peer = head + "[Peer]\nPublicKey = " + PEER_A + "\n";
        for (String line : List.of("Endpoint = example.com:1", "PersistentKeepalive = 70000",
                "PresharedKey = " + PEER_B, "AllowedIPs = 10.0.0.1/32,,10.0.0.2/32")) {
            assertEquals(5, rejected(peer + line).line(), line);
        }
        String wireplug = head + "[Wireplug]\n";
        for (String line : List.of("NatTraversal = maybe", "PortMapping = pcp, none", "PortMapping = pcp, pcp",
                "PortMapping = stun", "Relay = 2", "Coordinator = a b:1", "WireGuardImplementation = wasm")) {
            assertEquals(4, rejected(wireplug + line).line(), line);
        }
    }

    @Test
    void theWriterOutputParsesBackToTheSameConfig() throws ConfigException {
        ClientConfig original = parse("""
                [Interface]
                PrivateKey = %s
                ListenPort = 4242
                Address = 10.9.0.1/24
                MTU = 1420
                [Peer]
                PublicKey = %s
                AllowedIPs = 10.9.0.2/32, fd09::/64
                Endpoint = [2001:db8::2]:51820
                PersistentKeepalive = 0
                [Wireplug]
                Coordinator = [2001:db8::9]:3478
                PortMapping = none
                """.formatted(PRIVATE, PEER_A));
        String written = ClientConfigWriter.render(original, List.of("header", ""));
        assertTrue(written.startsWith("# header\n#\n[Interface]\n"), written);
        ClientConfig reread = parse(written);
        assertEquals(original.interfaceSettings(), reread.interfaceSettings());
        assertEquals(original.wireplug(), reread.wireplug());
        assertEquals(original.peers().get(0).peer(), reread.peers().get(0).peer());
    }
}
