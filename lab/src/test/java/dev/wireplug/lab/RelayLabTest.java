package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The relay of last resort with the real daemons: two peers behind destination-dependent NATs
 * (no miniupnpd) reach each other through wpcod's relay; a roam keeps them relayed; an upgrade to
 * a direct path releases the allocation; a third network's forged packets get nowhere.
 */
@LabTest
class RelayLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    /** Two relayed peers and what it took to get there. */
    private record Relayed(Coordination.Running coordinator, LabHost a, LabHost b, Duration firstReply,
            Duration sinceLaunch) {}

    private static Relayed relayedPair(Lab lab, String... wpcodArgs) {
        return relayedPair(lab, List.of(), wpcodArgs);
    }

    private static Relayed relayedPair(Lab lab, List<String> wireplugLines, String... wpcodArgs) {
        Coordination.Running coordinator = Coordination.startCoordinator(lab, wpcodArgs);
        LabHost a = lab.host("a");
        LabHost b = lab.host("b");
        long launched = System.nanoTime();
        String[] lines = wireplugLines.toArray(String[]::new);
        LabProcess da = a.startWireplugd(Coordination.clientConfig(a, coordinator, List.of(b), lines));
        LabProcess db = b.startWireplugd(Coordination.clientConfig(b, coordinator, List.of(a), lines));
        // "Starting" is when both daemons run (the JVM start before that is not wireplug's doing).
        da.awaitLog(line -> line.contains("event=running"), Duration.ofSeconds(60));
        db.awaitLog(line -> line.contains("event=running"), Duration.ofSeconds(60));
        Optional<Duration> first = Coordination.firstReply(b, a, WITHIN);
        assertTrue(first.isPresent(), "no reply through the relay\n" + a.wgShowText() + "\n" + b.wgShowText()
                + "\n" + coordinator.process().logText());
        return new Relayed(coordinator, a, b, first.get(), Duration.ofNanos(System.nanoTime() - launched));
    }

    private static String relayOf(Relayed r, LabHost host) {
        return host.wgShow().peers().get(0).endpoint().orElse("none");
    }

    @Test
    void twoDestinationDependentNatsAreRelayedAndARoamRecovers() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.DESTINATION_DEPENDENT).router("r2", RouterKind.DESTINATION_DEPENDENT)
                .router("r3", RouterKind.DESTINATION_DEPENDENT).host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Relayed r = relayedPair(lab);
            String relayAddress = r.coordinator().address() + ":";
            String aUses = relayOf(r, r.a());
            String bUses = relayOf(r, r.b());
            System.out.printf("relay: first reply through the relay %d ms after both daemons ran (%d ms after"
                    + " launching them, JVM start included); a -> %s, b -> %s%n", r.firstReply().toMillis(),
                    r.sinceLaunch().toMillis(), aUses, bUses);
            assertTrue(aUses.startsWith(relayAddress) && aUses.equals(bUses), "both should use one relay port: " + aUses
                    + " / " + bUses);
            assertTrue(r.coordinator().process().logText().contains("event=relay_allocated"));
            String status = r.a().exec(LabPaths.program("wireplugd").toString(), r.a().wireguardInterface(), "status")
                    .stdout();
            System.out.println("relay: a's status:\n" + status);
            String port = aUses.substring(aUses.lastIndexOf(':') + 1);
            assertTrue(status.contains("(relay: ") && status.contains("port " + port + ", in use"), status);

            try (Pinger pinger = r.b().startPinger(r.a().overlayAddress(), Duration.ofMillis(50))) {
                LabProcess.sleep(Duration.ofSeconds(1));
                Instant roam = Instant.now();
                r.a().roamTo(lab.router("r3"));
                boolean recovered = Coordination.firstReply(r.b(), r.a(), WITHIN).isPresent();
                LabProcess.sleep(Duration.ofSeconds(2));
                PingSeries series = pinger.stop();
                Optional<Duration> gap = series.gapAround(roam);
                System.out.printf("relay: longest ping gap across a's roam (r1 -> r3, both destination-dependent): %s;"
                        + " longest gap overall %s; a now -> %s%n", gap.map(g -> g.toMillis() + " ms").orElse("none"),
                        series.longestGap().map(g -> g.toMillis() + " ms").orElse("none"), relayOf(r, r.a()));
                assertTrue(recovered && gap.isPresent(), "no reply after the roam\n" + r.a().wgShowText() + "\n"
                        + r.b().wgShowText());
                assertTrue(relayOf(r, r.a()).startsWith(relayAddress), "still relayed after the roam");
            }
        }
    }

    @Test
    void theInKernelDataPlaneRelaysTheSamePairWithoutTheTrafficReachingUserSpace() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.DESTINATION_DEPENDENT).router("r2", RouterKind.DESTINATION_DEPENDENT)
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            // The kernel forwards relayed datagrams out of the coordinator's host: an operator's
            // setting (wpcod warns when it is off), set here in the coordinator's namespace only.
            lab.coordinator().exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            Relayed r = relayedPair(lab, "--relay-data-plane", "nftables");
            String aUses = relayOf(r, r.a());
            System.out.printf("relay (nftables plane): first reply %d ms after both daemons ran; a -> %s, b -> %s%n",
                    r.firstReply().toMillis(), aUses, relayOf(r, r.b()));
            assertTrue(aUses.startsWith(r.coordinator().address() + ":") && aUses.equals(relayOf(r, r.b())), aUses);
            assertTrue(r.coordinator().process().logText().contains("event=relay_on data_plane=nftables"));
            String rules = lab.coordinator().exec("nft", "list", "table", "inet", "wireplug_relay").stdout();
            assertTrue(rules.contains(aUses.substring(aUses.lastIndexOf(':') + 1)), "no kernel rule for the port:\n"
                    + rules);
            assertTrue(r.b().ping(r.a().overlayAddress(), 20, Duration.ofMillis(50)).count() >= 15,
                    "pings through the in-kernel relay were lost");
        }
    }

    @Test
    void whenMiniupnpdStartsOnOneRouterThePairMovesToADirectPathAndTheRelayIsReleased() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.DESTINATION_DEPENDENT).router("r2", RouterKind.DESTINATION_DEPENDENT)
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Relayed r = relayedPair(lab, List.of("PortMapping = pcp, natpmp, upnp"));
            String relayAddress = r.coordinator().address() + ":";
            assertTrue(relayOf(r, r.a()).startsWith(relayAddress), relayOf(r, r.a()));
            try (Pinger pinger = r.b().startPinger(r.a().overlayAddress(), Duration.ofMillis(50))) {
                // a's daemon found no gateway support at start; miniupnpd announces itself (PCP and
                // NAT-PMP epoch to 224.0.0.1:5350) when it starts, and the daemon asks it at once.
                Instant replug = Instant.now();
                lab.router("r1").startMiniupnpd();
                boolean released = await(() -> r.coordinator().process().logText()
                        .contains("event=relay_released"), WITHIN);
                boolean direct = await(() -> !relayOf(r, r.a()).startsWith(relayAddress)
                        && !relayOf(r, r.b()).startsWith(relayAddress), WITHIN);
                LabProcess.sleep(Duration.ofSeconds(1));
                PingSeries series = pinger.stop();
                String wpcodLog = r.coordinator().process().logText();
                Optional<Duration> toRelease = wpcodLog.lines().filter(l -> l.contains("event=relay_released"))
                        .findFirst().map(l -> Duration.between(replug, Instant.parse(l.substring(0, l.indexOf(' ')))));
                System.out.printf("relay upgrade by miniupnpd on r1: released=%s (%s after miniupnpd started) direct=%s;"
                        + " a -> %s, b -> %s; r1 maps: %s; longest ping gap %s%n", released,
                        toRelease.map(d -> d.toMillis() + " ms").orElse("-"), direct, relayOf(r, r.a()),
                        relayOf(r, r.b()), lab.router("r1").nftChain("prerouting_miniupnpd").lines()
                                .filter(l -> l.contains("dnat")).map(String::strip).toList(),
                        series.longestGap().map(g -> g.toMillis() + " ms").orElse("none"));
                assertTrue(released && wpcodLog.contains("reason=direct_path"), wpcodLog);
                assertTrue(direct, r.a().wgShowText() + "\n" + r.b().wgShowText());
                assertTrue(r.b().ping(r.a().overlayAddress(), 3, Duration.ofMillis(200)).count() > 0,
                        "the direct tunnel does not work");
            }
        }
    }

    @Test
    void directAttemptsThatKeepFailingEarnARelay() {
        // An endpoint-independent NAT whose firewall only lets in what answers its own traffic,
        // and a destination-dependent one: neither side can open a path the other can use, but
        // nothing in their NAT kinds says so. Only the failed attempts tell.
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING).router("r2", RouterKind.DESTINATION_DEPENDENT)
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Relayed r = relayedPair(lab);
            String wpcodLog = r.coordinator().process().logText();
            System.out.printf("relay after failed direct attempts: first reply %d ms after both daemons ran;"
                    + " a -> %s, b -> %s%n", r.firstReply().toMillis(), relayOf(r, r.a()), relayOf(r, r.b()));
            wpcodLog.lines().filter(l -> l.contains("event=relay_allocated")).forEach(l -> System.out.println("  " + l));
            assertTrue(wpcodLog.contains("reason=\"direct attempts failed for"), wpcodLog);
            assertTrue(relayOf(r, r.a()).startsWith(r.coordinator().address() + ":"), relayOf(r, r.a()));
        }
    }

    @Test
    void aDirectPathReplacesTheRelayAndTheAllocationIsReleased() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.DESTINATION_DEPENDENT).router("r2", RouterKind.DESTINATION_DEPENDENT)
                .router("r3", RouterKind.NO_NAT).host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Relayed r = relayedPair(lab);
            String relayAddress = r.coordinator().address() + ":";
            assertTrue(relayOf(r, r.a()).startsWith(relayAddress), relayOf(r, r.a()));
            try (Pinger pinger = r.b().startPinger(r.a().overlayAddress(), Duration.ofMillis(50))) {
                LabProcess.sleep(Duration.ofSeconds(1));
                Instant roam = Instant.now();
                // a moves onto a network with a public address: b can now reach it directly. (The
                // miniupnpd variant, a mapping on a's router, needs the daemon's port mapping: #9.)
                r.a().roamTo(lab.router("r3"));
                boolean released = await(() -> r.coordinator().process().logText()
                        .contains("event=relay_released"), WITHIN);
                boolean direct = await(() -> !relayOf(r, r.a()).startsWith(relayAddress)
                        && !relayOf(r, r.b()).startsWith(relayAddress), WITHIN);
                LabProcess.sleep(Duration.ofSeconds(2));
                PingSeries series = pinger.stop();
                String wpcodLog = r.coordinator().process().logText();
                Optional<Duration> toRelease = wpcodLog.lines().filter(l -> l.contains("event=relay_released"))
                        .findFirst().map(l -> Duration.between(roam, Instant.parse(l.substring(0, l.indexOf(' ')))));
                System.out.printf("relay upgrade: a roamed onto a public address; released=%s (%s after the roam)"
                        + " direct=%s; a -> %s, b -> %s; ping gap across the roam %s%n", released,
                        toRelease.map(d -> d.toMillis() + " ms").orElse("-"), direct, relayOf(r, r.a()),
                        relayOf(r, r.b()), series.gapAround(roam).map(g -> g.toMillis() + " ms").orElse("none"));
                wpcodLog.lines().filter(l -> l.contains("event=relay_")).forEach(l -> System.out.println("  wpcod: " + l));
                assertTrue(released && wpcodLog.contains("reason=direct_path"), wpcodLog);
                assertTrue(direct, r.a().wgShowText() + "\n" + r.b().wgShowText());
                assertTrue(relayOf(r, r.b()).startsWith(lab.router("r3").lanPrefix().replaceAll("\\.0/24$", ".")),
                        "b should reach a at its public address: " + relayOf(r, r.b()));
                assertTrue(r.b().ping(r.a().overlayAddress(), 3, Duration.ofMillis(200)).count() > 0,
                        "the direct tunnel does not work");
                assertTrue(r.a().ping(r.b().overlayAddress(), 3, Duration.ofMillis(200)).count() > 0,
                        "the direct tunnel does not work from a");
            }
        }
    }

    @Test
    void aThirdNetworkCannotUseOrHijackTheAllocation() throws IOException {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.DESTINATION_DEPENDENT).router("r2", RouterKind.DESTINATION_DEPENDENT)
                .router("r3", RouterKind.EIM_PORT_PRESERVING).host("a", "r1").host("b", "r2").host("c", "r3").build();
        try (Lab lab = Lab.up(topology)) {
            PacketCapture atRelay = lab.coordinator().capture("eth0");
            Relayed r = relayedPair(lab);
            String aUses = relayOf(r, r.a());
            int relayPort = Integer.parseInt(aUses.substring(aUses.lastIndexOf(':') + 1));
            LabProcess.sleep(Duration.ofSeconds(2)); // tcpdump writes what it has seen with a delay
            List<byte[]> initiations = atRelay.stopAndReadUdpPayloads("udp and dst port " + relayPort).stream()
                    .filter(p -> p.length == 148 && p[0] == 1).toList();
            assertFalse(initiations.isEmpty(), "no handshake initiation reached the relay port");

            LabHost c = lab.host("c");
            List<String> forged = new ArrayList<>();
            Random random = new Random(6);
            for (int i = 0; i < 20; i++) {
                byte[] badMac = new byte[148];
                random.nextBytes(badMac);
                badMac[0] = 1;
                badMac[1] = badMac[2] = badMac[3] = 0;
                forged.add(HexFormat.of().formatHex(badMac)); // an initiation whose mac1 fits neither key
                byte[] data = new byte[128];
                random.nextBytes(data);
                data[0] = 4;
                data[1] = data[2] = data[3] = 0;
                forged.add(HexFormat.of().formatHex(data)); // data from an address that is not a side
            }
            for (byte[] replay : initiations) {
                forged.add(HexFormat.of().formatHex(replay)); // a real initiation (valid mac1), from c
            }
            Path hex = lab.runDir().resolve("relay-forged.hex");
            Files.write(hex, forged);
            String bBefore = relayOf(r, r.b());
            try (Pinger pinger = r.b().startPinger(r.a().overlayAddress(), Duration.ofMillis(50));
                    PacketCapture atForger = c.capture("eth0")) {
                Instant start = Instant.now();
                for (int round = 0; round < 3; round++) {
                    Exec.Result sent = c.exec(UdpSend.command(r.coordinator().address(), relayPort, hex)
                            .toArray(String[]::new));
                    assertTrue(sent.stdout().contains("sent " + forged.size() + " datagrams"),
                            sent.stdout() + sent.stderr());
                }
                LabProcess.sleep(Duration.ofSeconds(2));
                PingSeries series = pinger.stop();
                List<String> toForger = atForger.stopAndRead().stream()
                        .filter(l -> l.contains(r.coordinator().address() + "." + relayPort + " >")).toList();
                System.out.printf("relay security: %d forged datagrams (bad mac1, stray data, %d replayed initiations)"
                        + " x3 from %s to port %d; forger received %d; pings during %d, longest gap %s%n",
                        forged.size(), initiations.size(), lab.router("r3").wanAddress(), relayPort, toForger.size(),
                        series.repliesBetween(start, Instant.now()),
                        series.longestGap().map(g -> g.toMillis() + " ms").orElse("none"));
                assertEquals(List.of(), toForger, "the relay sent something to the forger");
                assertEquals(bBefore, relayOf(r, r.b()), "b's endpoint moved");
                // Generous: the machine is shared; a hijack would stop the replies for good.
                assertTrue(series.repliesBetween(start, Instant.now()) > 0
                        && series.longestGap().map(g -> g.compareTo(Duration.ofSeconds(3)) < 0).orElse(false),
                        "the tunnel stalled while forged packets arrived: " + series.longestGap());
                assertTrue(r.b().ping(r.a().overlayAddress(), 3, Duration.ofMillis(200)).count() > 0, "the tunnel broke");
            }
        }
    }

    private static boolean await(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LabProcess.sleep(Duration.ofMillis(100));
        }
        return condition.getAsBoolean();
    }
}
