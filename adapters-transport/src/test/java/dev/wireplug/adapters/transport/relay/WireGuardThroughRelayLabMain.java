package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import dev.wireplug.domain.relay.RelayState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Two real wireguard-go peers talking through the relay, run by {@link WireGuardThroughRelayLabTest}
 * inside the relay's namespace: args are the plane (netty or nftables), the two peer namespaces
 * and their WireGuard interface names. Only the relay port is configured on each peer, as the
 * coordinator would tell them.
 */
public final class WireGuardThroughRelayLabMain {
    static final String RELAY_ADDRESS = "198.18.1.1";
    static final String A_PUBLIC = "198.18.1.2";
    static final String B_PUBLIC = "198.18.2.2";
    static final String B_TUNNEL = "10.251.0.2";

    private WireGuardThroughRelayLabMain() {}

    public static void main(String[] args) throws Exception {
        boolean kernel = args[0].equals("nftables");
        String nsA = args[1];
        String nsB = args[2];
        String ifA = args[3];
        String ifB = args[4];
        RelayPlaneSettings settings = new RelayPlaneSettings(
                kernel ? RelayPlaneSettings.Kind.NFTABLES : RelayPlaneSettings.Kind.NETTY,
                IpAddresses.parse(RELAY_ADDRESS), RelayLimits.GLOBAL_DEFAULT, 1);
        NftablesRelayDataPlane nft = kernel
                ? new NftablesRelayDataPlane(settings, new ProcessNftRunner("nft"), System::nanoTime) : null;
        RelayDataPlane plane = kernel ? nft : new NettyRelayDataPlane(settings, System::nanoTime);
        RelayAllocationId id = new RelayAllocationId(1);
        try {
            int port = plane.open(new Opening(id, new RelayPeer(CapturedHandshake.A, IpAddresses.parse(A_PUBLIC)),
                    new RelayPeer(CapturedHandshake.B, IpAddresses.parse(B_PUBLIC)), RelayLimits.PER_ALLOCATION_DEFAULT, 0));
            String relay = RELAY_ADDRESS + ":" + port;
            System.out.println("relay port " + relay + " (" + args[0] + ")");
            long start = System.nanoTime();
            // Both peers get the relay as the other's endpoint; persistent keepalive makes each of them
            // send an initiation at once, which is what lets the relay learn both sides.
            run("ip", "netns", "exec", nsA, "wg", "set", ifA, "peer", CapturedHandshake.B.toBase64(),
                    "endpoint", relay, "persistent-keepalive", "5");
            run("ip", "netns", "exec", nsB, "wg", "set", ifB, "peer", CapturedHandshake.A.toBase64(),
                    "endpoint", relay, "persistent-keepalive", "5");
            long reached = -1;
            while (System.nanoTime() - start < 15_000_000_000L) {
                if (ping(nsA, 1, "0.2", 1)) {
                    reached = System.nanoTime() - start;
                    break;
                }
            }
            check(reached > 0, "A reaches B through the relay within 15 s");
            System.out.printf(Locale.ROOT, "figure: first ping answered %.0f ms after the relay port was configured%n",
                    reached / 1e6);
            check(plane.learned(id).orElseThrow() instanceof RelayState.Active, "the allocation is active");
            if (kernel) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!nft.offloaded(id) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                check(nft.offloaded(id), "the kernel rules are installed");
            }
            RelayCounters before = plane.counters(id);
            check(ping(nsA, 20, "0.05", 2), "20 pings in a row go through");
            RelayCounters after = plane.counters(id);
            System.out.println("counters before the 20 pings " + before + ", after " + after);
            check(after.forwardedPackets() - before.forwardedPackets() >= 40, "the relay forwarded the pings both ways");
            if (kernel) {
                System.out.println("kernel counters " + nft.kernelCounters(id));
                check(nft.kernelCounters(id).forwardedPackets() >= 40, "the kernel forwarded them");
            }
            plane.close(id);
            check(!ping(nsA, 2, "0.2", 1), "nothing goes through after the allocation is closed");
            System.out.println("PASS");
        } finally {
            ((AutoCloseable) plane).close();
        }
    }

    private static boolean ping(String ns, int count, String interval, int waitSeconds) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "ping", "-n", "-q", "-c", String.valueOf(count),
                "-i", interval, "-W", String.valueOf(waitSeconds), B_TUNNEL).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return p.exitValue() == 0 && out.contains(" " + count + " received");
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("FAILED: " + what);
        }
        System.out.println("ok: " + what);
    }
}
