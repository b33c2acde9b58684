package dev.wireplug.lab;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The demo: a coordinator host and two peers behind different NATs, a tunnel, a roam, recovery.
 * It shows what has landed: wireguard-go hosts behind real NAT routers, with endpoints set by
 * hand because coordination (wireplugd/wpcod) is not built yet, and it says so.
 */
public final class Demo {

    static final Duration WAIT_WITHOUT_DAEMON = Duration.ofSeconds(5);
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);

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

    /** Runs the demo and returns 0 when the tunnel worked and recovered after the hand fix. */
    public int run() {
        Instant t0 = Instant.now();
        try (Lab lab = Lab.up(topology())) {
            out.printf("lab up in %d ms (run %s, logs in %s)%n", Duration.between(t0, Instant.now()).toMillis(),
                    lab.runId(), lab.runDir());
            out.println();
            out.println("NOTE: coordination not yet built: endpoints set by hand.");
            out.println("      wireplugd and wpcod are not started; the coordinator host is up and idle at "
                    + lab.coordinator().address(0) + " and " + lab.coordinator().address(1) + ".");
            out.println();
            printTopology(lab);

            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            String aAtR1 = a.publicWireguardEndpoint().orElseThrow();
            String bAtR2 = b.publicWireguardEndpoint().orElseThrow();
            out.printf("%n1. endpoints by hand (wg set): a -> b at %s, b -> a at %s, keepalive 1 s%n", bAtR2, aAtR1);
            a.setPeer(b, Optional.of(bAtR2), 1);
            b.setPeer(a, Optional.of(aAtR1), 1);

            PingSeries first = a.ping(b.overlayAddress(), 10, Duration.ofMillis(200));
            out.printf("2. ping a -> b through the tunnel: %d/10 replies%n", first.count());
            if (first.count() == 0) {
                out.println("   the tunnel did not come up; see the logs in " + lab.runDir());
                return 1;
            }
            out.println("   b as a sees it: endpoint " + endpointOf(a, b) + "; a as b sees it: endpoint " + endpointOf(b, a));

            Pinger pinger = b.startPinger(a.overlayAddress(), PING_INTERVAL);
            LabProcess.sleep(Duration.ofSeconds(1));
            LabRouter r3 = lab.router("r3");
            a.roamTo(r3);
            Instant roamed = Instant.now();
            String aAtR3 = a.publicWireguardEndpoint().orElseThrow();
            out.printf("3. a roams: its link moves from r1's LAN to r3's (%s, now %s on the internet)%n",
                    r3.kind().description(), aAtR3);
            out.printf("   b keeps pinging a every %d ms; waiting %d s to see whether the tunnel recovers by itself...%n",
                    PING_INTERVAL.toMillis(), WAIT_WITHOUT_DAEMON.toSeconds());
            LabProcess.sleep(WAIT_WITHOUT_DAEMON);
            Instant fix = Instant.now();
            out.printf("4. b still sends to %s; a's packets from %s are dropped by r2's firewall (not a reply to anything b sent)%n",
                    endpointOf(b, a), aAtR3);
            b.setPeerEndpoint(a, aAtR3);
            // wireguard-go keeps the old LAN address as a "sticky" source for its peer and fails
            // with "network is unreachable" after the roam; setting the endpoint again clears it.
            a.setPeerEndpoint(b, bAtR2);
            out.printf("5. hand fix (what wireplugd will do once coordination lands): b -> a at %s;%n", aAtR3);
            out.printf("   a -> b set again to %s (clears wireguard-go's stale source address from r1's LAN)%n", bAtR2);
            LabProcess.sleep(Duration.ofSeconds(2));
            PingSeries series = pinger.stop();
            lab.stop(pinger.process());

            long during = series.repliesBetween(roamed, fix);
            Optional<PingSeries.Reply> afterFix = series.firstReplyAfter(fix);
            out.println();
            out.println("what happened:");
            out.printf("  NAT kinds: a behind r1 (%s), then r3 (%s); b behind r2 (%s)%n",
                    lab.router("r1").kind().description(), r3.kind().description(), lab.router("r2").kind().description());
            out.printf("  endpoints: b -> a was %s, set to %s by hand; a -> b %s%n", aAtR1, aAtR3, bAtR2);
            out.printf("  replies in the %d s after the roam, without a daemon: %d (the tunnel does not recover by itself)%n",
                    WAIT_WITHOUT_DAEMON.toSeconds(), during);
            if (afterFix.isEmpty()) {
                out.println("  no reply after the hand fix: the tunnel did not recover; see " + lab.runDir());
                return 1;
            }
            out.printf("  recovery after the hand fix: first reply %d ms after it (r3 lets b in once a's next"
                    + " keepalive, at most 1 s away, has gone out to b)%n",
                    Duration.between(fix, afterFix.get().at()).toMillis());
            out.printf("  outage across the roam (longest gap in b's pings): %d ms, including the %d s deliberately"
                    + " left without a fix%n",
                    series.longestGap().map(Duration::toMillis).orElse(-1L), WAIT_WITHOUT_DAEMON.toSeconds());
            out.println("  coordination not yet built: endpoints set by hand");
            out.println();
            out.println("wg show a:\n" + indent(a.wgShowText()));
            out.print("tearing down... ");
        }
        out.printf("done (%d ms in all)%n", Duration.between(t0, Instant.now()).toMillis());
        return 0;
    }

    private void printTopology(Lab lab) {
        out.println("topology (internet 198.18.0.0/16 on one bridge, everything in namespaces wpl-" + lab.runId() + "-*):");
        out.printf("  %-6s coordinator host, %s and %s%n", lab.coordinator().name(),
                lab.coordinator().address(0), lab.coordinator().address(1));
        for (LabRouter r : lab.routers()) {
            out.printf("  %-6s router: %s; WAN %s, LAN %s%n", r.name(), r.kind().description(), r.wanAddress(), r.lanPrefix());
        }
        for (LabHost h : lab.hosts()) {
            out.printf("  %-6s host %s behind %s, wireguard-go %s, port %d, overlay %s%n", h.name(), h.lanAddress(),
                    h.router().name(), h.wireguardInterface(), h.wireguardPort(), h.overlayAddress());
        }
    }

    private static String endpointOf(LabHost on, LabHost peer) {
        return on.wgShow().peer(peer.publicKey()).flatMap(WgDump.Peer::endpoint).orElse("(none)");
    }

    private static String indent(String s) {
        return s.lines().map(l -> "    " + l).reduce((x, y) -> x + "\n" + y).orElse("");
    }
}
