package dev.wireplug.lab;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The demo: a coordinator and two peers behind different NATs, each running wireplugd with no
 * Endpoint configured; the tunnel comes up through wpcod, one peer roams to another NAT and back,
 * and the demo prints what the daemons saw and how long each recovery took.
 */
public final class Demo {
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private final PrintStream out;

    public Demo(PrintStream out) {
        this.out = out;
    }

    public static Topology topology() {
        return Topology.builder()
                .coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING)
                .router("r2", RouterKind.FIXED_OTHER_PORT)
                .router("r3", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1")
                .host("b", "r2")
                .build();
    }

    /** Runs the demo; 0 when the tunnel came up and recovered from both roams. */
    public int run() {
        Instant t0 = Instant.now();
        try (Lab lab = Lab.up(topology())) {
            out.printf("lab up in %d ms (run %s, logs in %s)%n%n", Duration.between(t0, Instant.now()).toMillis(),
                    lab.runId(), lab.runDir());
            printTopology(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");

            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            out.printf("%n1. wpcod runs on %s:%d (alternate address %s), public key %s%n", coordinator.address(),
                    Coordination.PORT, lab.coordinator().address(1), coordinator.publicKey());
            Instant daemons = Instant.now();
            Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            out.println("2. wireplugd runs on a and b; their configs list each other's key and tunnel address, no Endpoint");
            Optional<Duration> up = Coordination.firstReply(a, b, WITHIN);
            if (up.isEmpty()) {
                out.println("   the tunnel did not come up; see the logs in " + lab.runDir());
                return 1;
            }
            out.printf("   first ping a -> b answered %d ms after both daemons were running%n",
                    Duration.between(daemons, Instant.now()).toMillis());
            String aHome = endpointOf(b, a);
            out.println("   b as a sees it: " + endpointOf(a, b) + "; a as b sees it: " + aHome);

            LabRouter home = lab.router("r1");
            LabRouter away = lab.router("r3");
            Pinger pinger = b.startPinger(a.overlayAddress(), PING_INTERVAL);
            LabProcess.sleep(Duration.ofSeconds(1));
            Instant firstRoam = Instant.now();
            a.roamTo(away);
            out.printf("3. a roams from r1's LAN to r3's (%s); b pings a every %d ms%n", away.kind().description(),
                    PING_INTERVAL.toMillis());
            LabProcess.sleep(SETTLE);
            String aAway = endpointOf(b, a);
            Instant secondRoam = Instant.now();
            a.roamTo(home);
            out.println("4. a roams back to r1");
            LabProcess.sleep(SETTLE);
            PingSeries series = pinger.stop();
            lab.stop(pinger.process());

            Optional<Duration> gap1 = series.gapAround(firstRoam);
            Optional<Duration> gap2 = series.gapAround(secondRoam);
            out.println();
            out.println("what happened:");
            out.printf("  NAT kinds: r1 %s, r2 %s, r3 %s%n", home.kind().description(),
                    lab.router("r2").kind().description(), away.kind().description());
            out.printf("  a as b saw it: at r1 %s, at r3 %s, back at r1 %s%n", aHome, aAway, endpointOf(b, a));
            out.printf("  recovery (longest gap in b's pings): roam to r3 %s, roam back %s%n", millis(gap1), millis(gap2));
            out.println();
            out.println("wireplugd " + a.wireguardInterface() + " status, on a:");
            out.println(indent(status(a)));
            out.println();
            out.print("tearing down... ");
            if (gap1.isEmpty() || gap2.isEmpty()) {
                out.println("a roam did not recover; see the logs in " + lab.runDir());
                return 1;
            }
        }
        out.printf("done (%d ms in all)%n", Duration.between(t0, Instant.now()).toMillis());
        return 0;
    }

    private static String status(LabHost host) {
        Exec.Result result = host.exec(LabPaths.program("wireplugd").toString(), host.wireguardInterface(), "status");
        return result.stdout().isBlank() ? result.stderr() : result.stdout();
    }

    private static String millis(Optional<Duration> d) {
        return d.map(x -> x.toMillis() + " ms").orElse("no recovery");
    }

    private void printTopology(Lab lab) {
        out.println("topology (internet 198.18.0.0/16 on one bridge, everything in namespaces wpl-" + lab.runId() + "-*):");
        out.printf("  %-6s coordinator host, %s and %s%n", lab.coordinator().name(),
                lab.coordinator().address(0), lab.coordinator().address(1));
        for (LabRouter r : lab.routers()) {
            out.printf("  %-6s router: %s; WAN %s, LAN %s%n", r.name(), r.kind().description(), r.wanAddress(), r.lanPrefix());
        }
        for (LabHost h : lab.hosts()) {
            out.printf("  %-6s host %s behind %s, wireguard-go %s, overlay %s%n", h.name(), h.lanAddress(),
                    h.router().name(), h.wireguardInterface(), h.overlayAddress());
        }
    }

    private static String endpointOf(LabHost on, LabHost peer) {
        return on.wgShow().peer(peer.publicKey()).flatMap(WgDump.Peer::endpoint).orElse("(none)");
    }

    private static String indent(String s) {
        return s.lines().map(l -> "    " + l).reduce((x, y) -> x + "\n" + y).orElse("");
    }
}
