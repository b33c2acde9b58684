package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * wireplugd's port mapping against miniupnpd on the lab's routers: two peers, each behind a
 * destination-dependent NAT (hole punching cannot work there, and there is no relay in these
 * runs), reach each other through the ports their gateways map, by each method alone; leases are
 * renewed, an epoch reset is noticed, SIGTERM deletes the mapping; a gateway that speaks nothing
 * costs under a second per method.
 */
@LabTest
class PortMappingLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Pattern LOG_MS = Pattern.compile("event=port_mapping_map method=(\\w+) ms=(\\d+) outcome=(\\w+)");

    private static Topology twoHardNatsWithMiniupnpd() {
        return Topology.builder().coordinator("coord")
                .router(Topology.RouterSpec.of("r1", RouterKind.DESTINATION_DEPENDENT).withUpnp())
                .router(Topology.RouterSpec.of("r2", RouterKind.DESTINATION_DEPENDENT).withUpnp())
                .host("a", "r1").host("b", "r2").build();
    }

    @ParameterizedTest(name = "PortMapping = {0}")
    @ValueSource(strings = {"pcp", "natpmp", "upnp"})
    void peersBehindHardNatsReachEachOtherDirectlyThroughTheirMappings(String method) {
        try (Lab lab = Lab.up(twoHardNatsWithMiniupnpd())) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            LabProcess da = Coordination.startDaemon(a,
                    Coordination.clientConfig(a, coordinator, List.of(b), "PortMapping = " + method));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a), "PortMapping = " + method));
            Optional<Duration> reply = Coordination.firstReply(a, b, WITHIN);
            assertTrue(reply.isPresent(), "no tunnel with PortMapping = " + method + "\n" + a.wgShowText() + "\n"
                    + b.wgShowText() + "\n" + da.logText());

            Mapping ma = awaitMapping(lab.router("r1"), a);
            Mapping mb = awaitMapping(lab.router("r2"), b);
            String upnpc = a.exec("upnpc", "-i", "-l").stdout();
            String aSeesB = a.wgShow().peer(b.publicKey()).flatMap(WgDump.Peer::endpoint).orElse("none");
            String bSeesA = b.wgShow().peer(a.publicKey()).flatMap(WgDump.Peer::endpoint).orElse("none");
            String status = a.exec(LabPaths.program("wireplugd").toString(), a.wireguardInterface(), "status").stdout();
            System.out.printf("PortMapping = %s: first reply after %d ms; r1 maps %s, r2 maps %s;"
                    + " a -> b at %s, b -> a at %s%n%s%n", method, reply.get().toMillis(), ma, mb, aSeesB, bSeesA, status);

            assertEquals(a.wgShow().listenPort(), ma.internalPort(), "the mapping is for a's WireGuard port");
            assertEquals(b.wgShow().listenPort(), mb.internalPort(), "the mapping is for b's WireGuard port");
            assertTrue(upnpc.contains("UDP " + ma.externalPort() + "->" + a.lanAddress() + ":" + ma.internalPort()),
                    "upnpc -l on a's LAN does not list the daemon's mapping:\n" + upnpc);
            // Direct, no relay: each side talks to the other's router WAN address, and the mapped
            // port is how it got in (the peer's random NAT port can only show up as the source of
            // a reply to a packet that came in through the mapping).
            assertTrue(aSeesB.startsWith(lab.router("r2").wanAddress() + ":"), "a -> b not direct: " + aSeesB);
            assertTrue(bSeesA.startsWith(lab.router("r1").wanAddress() + ":"), "b -> a not direct: " + bSeesA);
            assertTrue(aSeesB.endsWith(":" + mb.externalPort()) || bSeesA.endsWith(":" + ma.externalPort()),
                    "neither side uses the other's mapped port: a -> b " + aSeesB + " (mapped " + mb + "), b -> a "
                            + bSeesA + " (mapped " + ma + ")");
            assertTrue(status.contains("port mapping: " + method + ", external port " + ma.externalPort()),
                    "status does not show the mapping:\n" + status);
            assertTrue(status.contains("expires in"), status);

            lab.stop(da);
            assertFalse(lab.router("r1").nftChain("prerouting_miniupnpd").contains("dnat ip to " + a.lanAddress() + ":"),
                    "SIGTERM left the mapping on r1:\n" + lab.router("r1").nftChain("prerouting_miniupnpd") + da.logText());
        }
    }

    @Test
    void aShortLeaseIsRenewedAnEpochResetIsNoticedThePingsNeverDropAndARoamMapsAgain() {
        Topology topology = Topology.builder().coordinator("coord")
                .router(Topology.RouterSpec.of("r1", RouterKind.DESTINATION_DEPENDENT).withUpnp())
                .router(Topology.RouterSpec.of("r2", RouterKind.DESTINATION_DEPENDENT).withUpnp())
                .router(Topology.RouterSpec.of("r3", RouterKind.DESTINATION_DEPENDENT).withUpnp())
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            // 120 s is miniupnpd's shortest PCP lease (min_lifetime): renewal is due after 60 s.
            LabProcess da = Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b),
                    "PortMapping = pcp"), "--port-mapping-lifetime", "120");
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a), "PortMapping = pcp"),
                    "--port-mapping-lifetime", "120");
            assertTrue(Coordination.firstReply(b, a, WITHIN).isPresent(), a.wgShowText() + "\n" + b.wgShowText());
            Mapping first = awaitMapping(lab.router("r1"), a);
            try (Pinger pinger = b.startPinger(a.overlayAddress(), Duration.ofMillis(100))) {
                Instant renewed = awaitLog(da, "event=port_mapping_renew method=pcp", 0, Duration.ofSeconds(80));
                int renewals = count(da, "event=port_mapping_renew method=pcp");
                assertTrue(lab.router("r1").nftChain("prerouting_miniupnpd").contains("dport " + first.externalPort()
                        + " dnat ip to " + a.lanAddress()), "the mapping lapsed");

                // SIGUSR1 makes miniupnpd 2.3.9 act as if its public address changed: a new epoch,
                // announced to 224.0.0.1:5350 (and seen at the next renewal anyway).
                Instant usr1 = Instant.now();
                String pid = read(lab.router("r1").miniupnpdPidFile());
                lab.router("r1").netns().check("kill", "-USR1", pid);
                Instant remapped = awaitLog(da, "event=port_mapping_renew method=pcp", renewals, Duration.ofSeconds(25));
                Mapping after = awaitMapping(lab.router("r1"), a);
                LabProcess.sleep(Duration.ofSeconds(2));
                PingSeries series = pinger.stop();
                Duration longest = series.longestGap().orElse(Duration.ZERO);
                System.out.printf("renewal: first renewal logged at %s; after USR1 the mapping was requested again in"
                        + " %d ms (%s -> %s); %d pings answered, longest gap %d ms%n", renewed,
                        Duration.between(usr1, remapped).toMillis(), first, after, series.count(), longest.toMillis());
                // The next regular renewal is 60 s after the first one: a request within 25 s of the
                // signal is the daemon reacting to the reset.
                assertTrue(count(da, "event=gateway_epoch") > 0, "no epoch announcement logged:\n" + da.logText());
                assertTrue(longest.compareTo(Duration.ofSeconds(2)) < 0, "the tunnel dropped for " + longest);
            }

            // A new network: its gateway maps the port afresh and the peers find each other again.
            a.roamTo(lab.router("r3"));
            Instant roam = Instant.now();
            Mapping onR3 = awaitMapping(lab.router("r3"), a);
            Optional<Duration> back = Coordination.firstReply(b, a, WITHIN);
            System.out.printf("roam to r3: mapped there as %s, tunnel back after %s%n", onR3,
                    back.map(d -> Duration.between(roam, Instant.now()).toMillis() + " ms").orElse("never"));
            assertTrue(back.isPresent(), "no tunnel after the roam:\n" + da.logText());
        }
    }

    @Test
    void aGatewayThatSpeaksNothingCostsUnderASecondAndTheNextMethodIsUsed() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.DESTINATION_DEPENDENT).router("r2", RouterKind.DESTINATION_DEPENDENT)
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            lab.router("r2").startMiniupnpd(Map.of("enable_pcp_pmp", "no"));
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            LabProcess da = Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b),
                    "PortMapping = pcp, natpmp, upnp"));
            LabProcess db = Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a),
                    "PortMapping = pcp, natpmp, upnp"));
            awaitLog(da, "event=port_mapping_map method=upnp", 0, WITHIN);
            awaitLog(db, "event=port_mapping ", 0, WITHIN);
            List<String> nothing = probes(da);
            List<String> upnpOnly = probes(db);
            System.out.println("no gateway support (r1): " + nothing);
            System.out.println("UPnP-only gateway (r2): " + upnpOnly);
            for (String method : List.of("pcp", "natpmp", "upnp")) {
                long ms = probeMs(da, method, "not_supported");
                assertTrue(ms < 1000, method + " took " + ms + " ms to give up on a gateway that speaks nothing");
            }
            assertTrue(probeMs(db, "pcp", "not_supported") < 1000, upnpOnly.toString());
            assertTrue(probeMs(db, "natpmp", "not_supported") < 1000, upnpOnly.toString());
            probeMs(db, "upnp", "granted");
            assertTrue(db.logText().contains("event=port_mapping method=upnp"), db.logText());
            awaitMapping(lab.router("r2"), b);
        }
    }

    /** A dnat rule miniupnpd installed for the host: external port to the host's LAN address and port. */
    record Mapping(int externalPort, int internalPort) {
        @Override
        public String toString() {
            return externalPort + "->" + internalPort;
        }
    }

    private static Mapping awaitMapping(LabRouter router, LabHost host) {
        Pattern rule = Pattern.compile("dport (\\d+) dnat ip to " + Pattern.quote(host.lanAddress()) + ":(\\d+)");
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String chain = "";
        while (System.nanoTime() < deadline) {
            chain = router.nftChain("prerouting_miniupnpd");
            Matcher m = rule.matcher(chain);
            if (m.find()) {
                return new Mapping(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            LabProcess.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("no mapping for " + host.name() + " in " + router.name() + "'s chain:\n" + chain);
    }

    /** Waits for the {@code skip + 1}-th log line containing {@code text}; gives when it was seen. */
    private static Instant awaitLog(LabProcess p, String text, int skip, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(p, text) > skip) {
                return Instant.now();
            }
            LabProcess.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no '" + text + "' (#" + (skip + 1) + ") in " + p.label() + "'s log:\n" + p.logText());
    }

    private static int count(LabProcess p, String text) {
        return (int) p.logText().lines().filter(l -> l.contains(text)).count();
    }

    private static List<String> probes(LabProcess p) {
        List<String> out = new ArrayList<>();
        Matcher m = LOG_MS.matcher(p.logText());
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(3) + " in " + m.group(2) + " ms");
        }
        return out;
    }

    private static long probeMs(LabProcess p, String method, String outcome) {
        Matcher m = LOG_MS.matcher(p.logText());
        while (m.find()) {
            if (m.group(1).equals(method)) {
                assertEquals(outcome, m.group(3), method + " on " + p.label());
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no " + method + " probe in " + p.label() + "'s log:\n" + p.logText());
    }

    private static String read(java.nio.file.Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
