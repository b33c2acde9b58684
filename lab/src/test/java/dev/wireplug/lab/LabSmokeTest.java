package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proves the lab itself, with wireguard-go and endpoints set by hand (no daemon): hole punching
 * through two endpoint-independent NATs works once both sides have sent and not before; it fails
 * against a destination-dependent NAT; miniupnpd maps a port over NAT-PMP; IPv6 is routed.
 */
@LabTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabSmokeTest {

    private Lab lab;

    @BeforeAll
    void up() {
        long t0 = System.nanoTime();
        lab = Lab.up(Topology.builder()
                .ipv6()
                .coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING)
                .router("r2", RouterKind.EIM_PORT_PRESERVING)
                .router("r3", RouterKind.DESTINATION_DEPENDENT)
                .router(Topology.RouterSpec.of("r4", RouterKind.EIM_PORT_PRESERVING).withUpnp())
                .host("a", "r1")
                .host("b", "r2")
                .host("c", "r3")
                .plainHost("d", "r4")
                .build());
        System.out.printf("smoke lab %s up in %d ms, logs in %s%n", lab.runId(), (System.nanoTime() - t0) / 1_000_000,
                lab.runDir());
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
            assertEquals(List.of(), lab.leftovers(), "the smoke lab left something behind");
        }
    }

    @Test
    void holePunchingThroughTwoEndpointIndependentNatsWorksOnlyAfterBothSidesSent() {
        LabHost a = lab.host("a");
        LabHost b = lab.host("b");
        a.setPeer(b, b.publicWireguardEndpoint(), 0);
        b.setPeer(a, a.publicWireguardEndpoint(), 0);

        PingSeries before = a.ping(b.overlayAddress(), 5, Duration.ofMillis(200));
        assertEquals(0, before.count(),
                "a reached b before b had sent anything: r2's firewall let an unsolicited packet in");
        assertTrue(b.wgShow().peer(a.publicKey()).orElseThrow().latestHandshake().isEmpty(),
                "b completed a handshake although r2 should have dropped a's initiation");

        PingSeries fromB = b.ping(a.overlayAddress(), 10, Duration.ofMillis(200));
        PingSeries fromA = a.ping(b.overlayAddress(), 5, Duration.ofMillis(200));
        System.out.printf("hole punch: a->b before b sent: %d/5; b->a: %d/10; a->b after: %d/5%n",
                before.count(), fromB.count(), fromA.count());
        assertTrue(fromB.count() >= 5, "b could not reach a after a had opened r1: " + fromB.count() + "/10");
        assertEquals(5, fromA.count(), "a could not reach b once both sides had sent");
        assertTrue(a.wgShow().peer(b.publicKey()).orElseThrow().latestHandshake().isPresent());
    }

    @Test
    void aHostBehindADestinationDependentNatCannotBeReachedByHolePunching() {
        LabHost a = lab.host("a");
        LabHost c = lab.host("c");
        LabRouter r3 = lab.router("r3");
        // The best guess a peer could make without a mapping protocol: c's port, preserved.
        String guess = r3.wanAddress() + ":" + c.wireguardPort();
        try (PacketCapture onR1 = lab.router("r1").capture("wan")) {
            a.setPeer(c, Optional.of(guess), 1);
            c.setPeer(a, a.publicWireguardEndpoint(), 1);
            PingSeries fromC = c.ping(a.overlayAddress(), 10, Duration.ofMillis(200));
            PingSeries fromA = a.ping(c.overlayAddress(), 10, Duration.ofMillis(200));
            List<String> packets = onR1.stopAndRead();
            System.out.printf("destination-dependent: c->a %d/10, a->c %d/10%n", fromC.count(), fromA.count());
            assertEquals(0, fromC.count() + fromA.count(), "a tunnel came up through a destination-dependent NAT");
            assertTrue(c.wgShow().peer(a.publicKey()).orElseThrow().latestHandshake().isEmpty());

            // Proof that r3 is the reason: c's packets reached r1 from a port other than c's own.
            Pattern fromR3 = Pattern.compile("IP " + Pattern.quote(r3.wanAddress()) + "\\.(\\d+) > "
                    + Pattern.quote(lab.router("r1").wanAddress()) + "\\." + a.wireguardPort() + ": UDP");
            List<Integer> ports = packets.stream().map(fromR3::matcher).filter(Matcher::find)
                    .map(m -> Integer.parseInt(m.group(1))).distinct().toList();
            System.out.println("c's packets reached r1 from r3 ports " + ports + " (c's own port " + c.wireguardPort() + ")");
            assertTrue(!ports.isEmpty(), "no packet of c reached r1's WAN: " + packets);
            assertTrue(ports.stream().noneMatch(p -> p == c.wireguardPort()), "r3 kept c's port: " + ports);
        }
    }

    @Test
    void miniupnpdAnswersANatPmpMapRequestAndInstallsADnatRule() {
        LabHost d = lab.host("d");
        LabRouter r4 = lab.router("r4");
        Exec.Result r = d.exec(Prerequisites.path("natpmpc"), "-g", r4.lanGateway(), "-a", "40000", "40000", "udp", "3600");
        System.out.println("natpmpc: " + r.stdout().strip().replace('\n', '|'));
        assertEquals(0, r.exitCode(), "natpmpc failed:\n" + r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("Mapped public port 40000 protocol UDP to local port 40000"), r.stdout());
        String chain = r4.nftChain("prerouting_miniupnpd");
        assertTrue(chain.contains("dnat") && chain.contains(d.lanAddress()) && chain.contains("40000"),
                "no dnat rule for " + d.lanAddress() + ":40000 in r4's prerouting_miniupnpd:\n" + chain);
    }

    @Test
    void ipv6IsRoutedFromALanToTheInternet() {
        LabHost a = lab.host("a");
        PingSeries v6 = a.ping(lab.coordinator().address6(0), 3, Duration.ofMillis(100));
        PingSeries v4 = a.ping(lab.coordinator().address(1), 3, Duration.ofMillis(100));
        assertEquals(3, v6.count(), "a cannot reach the coordinator over IPv6");
        assertEquals(3, v4.count(), "a cannot reach the coordinator's second address over IPv4");
    }
}
