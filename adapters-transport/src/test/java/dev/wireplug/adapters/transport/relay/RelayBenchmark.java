package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Relay throughput on loopback with 1420-byte datagrams, for each data plane, against plain kernel
 * forwarding as the ceiling. Not a unit test: run it by hand (root, ip, nft), from the repository
 * root:
 *
 * <pre>
 * bin/mvn -q -o -pl adapters-transport -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/relay-bench.cp -Dmdep.includeScope=test &amp;&amp; . bin/lib/java.sh &amp;&amp; find_java &amp;&amp; "$JAVA" -cp adapters-transport/target/test-classes:adapters-transport/target/classes:$(cat /tmp/relay-bench.cp) dev.wireplug.adapters.transport.relay.RelayBenchmark
 * </pre>
 *
 * It re-runs itself in a fresh network namespace ({@code rly-bench-PID}) so the nftables rules
 * never touch the host. One sender thread (peer A, 127.0.0.2) sends as fast as it can; one
 * receiver thread (peer B, 127.0.0.3) counts what arrives; the figure is what B received per
 * second. "Plain kernel forwarding" (the ceiling) is the cheapest way the kernel can forward a
 * datagram that A addressed to the relay on to B: one static DNAT/SNAT rule pair in a table of
 * its own, no relay process, no learning, no limits, no maps. A sending straight to B (nothing
 * forwarded, no conntrack NAT) is printed too, as a second reference. The relayed runs send to the
 * relay port on 127.0.0.1. Each configuration runs {@code ROUNDS} times, interleaved with the
 * others; the median is reported. The machine's other load shows in the figures: compare ratios,
 * not absolutes. Both planes run with their limits set to the largest values allowed: the limit
 * rules and token buckets are still evaluated for every datagram, they just never bind.
 */
public final class RelayBenchmark {
    private static final int PAYLOAD = 1420;
    private static final int ROUNDS = 9;
    private static final long WARMUP_NANOS = 300_000_000L;
    private static final long MEASURE_NANOS = 1_500_000_000L;
    private static final RelayLimits UNLIMITED = new RelayLimits(RelayLimits.MAX_PACKETS_PER_SECOND,
            RelayLimits.MAX_BYTES_PER_SECOND, RelayLimits.MAX_BURST, RelayLimits.MAX_BURST);
    private static final InetSocketAddress RELAY_BIND = new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 0);

    private RelayBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("--inside")) {
            String missing = LabNamespace.missingForLab();
            if (!missing.isEmpty()) {
                System.err.println("the relay benchmark needs " + missing);
                System.exit(2);
            }
            int exitCode;
            try (LabNamespace ns = LabNamespace.create("bench")) {
                System.out.println("running in network namespace " + ns.name() + " (" + Runtime.getRuntime()
                        .availableProcessors() + " cpus)");
                LabNamespace.Result result = ns.runJava(RelayBenchmark.class, 600, "--inside");
                System.out.print(result.output());
                exitCode = result.exitCode();
            }
            // Only now: System.exit inside the try would leave the namespace behind.
            System.exit(exitCode);
        }
        inside();
    }

    private record Figure(String name, double packetsPerSecond) {
        double megabitsPerSecond() {
            return packetsPerSecond * PAYLOAD * 8 / 1e6;
        }
    }

    private static void inside() throws Exception {
        List<String> names = List.of("kernel forwarding (ceiling)", "direct A->B, no relay", "Netty plane (epoll)",
                "nftables plane");
        List<Run> runs = List.of(RelayBenchmark::staticDnat, RelayBenchmark::direct, () -> relayed(false),
                () -> relayed(true));
        // Interleaved rounds, so a change in the machine's other load hits every configuration alike.
        double[][] results = new double[runs.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < runs.size(); i++) {
                results[i][round] = runs.get(i).packetsPerSecond();
            }
        }
        // Per-round ratios too: neighbours in time share the machine's load, so they vary less.
        double[][] roundRatios = new double[runs.size()][ROUNDS];
        for (int i = 0; i < runs.size(); i++) {
            for (int round = 0; round < ROUNDS; round++) {
                roundRatios[i][round] = results[i][round] / results[0][round];
            }
            Arrays.sort(roundRatios[i]);
        }
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Arrays.sort(results[i]);
            figures.add(new Figure(names.get(i), results[i][ROUNDS / 2]));
        }
        double ceiling = figures.get(0).packetsPerSecond();
        double direct = figures.get(1).packetsPerSecond();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %10s %8s %10s %10s %16s%n", "1420-byte datagrams", "packets/s",
                "Mbit/s", "/ceiling", "/direct", "/ceiling by round");
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            System.out.printf(Locale.ROOT, "%-28s %10.0f %8.0f %10.2f %10.2f %10.2f [%.2f-%.2f]%n", f.name(),
                    f.packetsPerSecond(), f.megabitsPerSecond(), f.packetsPerSecond() / ceiling,
                    f.packetsPerSecond() / direct, roundRatios[i][ROUNDS / 2], roundRatios[i][0],
                    roundRatios[i][ROUNDS - 1]);
        }
        System.out.printf(Locale.ROOT, "medians of %d interleaved rounds of %.1f s; by round: the median of each round's%n"
                + "ratio to that round's ceiling, [lowest-highest].%n", ROUNDS, MEASURE_NANOS / 1e9);
        System.out.printf(Locale.ROOT, "ceiling = the kernel forwarding A's datagrams for the relay address to B with one%n"
                + "static DNAT/SNAT rule pair (no relay); direct = A sending to B itself, nothing forwarded.%n"
                + "targets: Netty >= 0.50, nftables >= 0.90 of the ceiling%n");
    }

    @FunctionalInterface
    private interface Run {
        double packetsPerSecond() throws Exception;
    }

    private static double direct() throws Exception {
        try (DatagramChannel a = bind("127.0.0.2"); DatagramChannel b = bind("127.0.0.3")) {
            return blast(a, b, (InetSocketAddress) b.getLocalAddress());
        }
    }

    /**
     * What any kernel NAT costs, for comparison: one static DNAT/SNAT rule pair in a table of its
     * own, no relay, no learning, no limits.
     */
    private static double staticDnat() throws Exception {
        NftRunner nft = new ProcessNftRunner("nft");
        try (DatagramChannel a = bind("127.0.0.2"); DatagramChannel b = bind("127.0.0.3")) {
            int bPort = ((InetSocketAddress) b.getLocalAddress()).getPort();
            int aPort = ((InetSocketAddress) a.getLocalAddress()).getPort();
            nft.apply("table ip rly_bench_dnat {\n"
                    + "  chain out { type nat hook output priority -100; policy accept;\n"
                    + "    ip saddr 127.0.0.2 udp sport " + aPort + " udp dport 50000 dnat to 127.0.0.3:" + bPort + "\n  }\n"
                    + "  chain post { type nat hook postrouting priority srcnat; policy accept;\n"
                    + "    ip daddr 127.0.0.3 udp dport " + bPort + " ct status dnat snat to 127.0.0.1:50000\n  }\n"
                    + "}\n");
            try {
                return blast(a, b, new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 50000));
            } finally {
                nft.apply("delete table ip rly_bench_dnat\n");
            }
        }
    }

    private static double relayed(boolean kernel) throws Exception {
        RelayPlaneSettings settings = new RelayPlaneSettings(
                kernel ? RelayPlaneSettings.Kind.NFTABLES : RelayPlaneSettings.Kind.NETTY,
                RELAY_BIND.getAddress(), UNLIMITED, 1);
        RelayAllocationId id = new RelayAllocationId(1);
        RelayPeer peerA = new RelayPeer(CapturedHandshake.A, IpAddresses.parse("127.0.0.2"));
        RelayPeer peerB = new RelayPeer(CapturedHandshake.B, IpAddresses.parse("127.0.0.3"));
        NftablesRelayDataPlane nft = kernel
                ? new NftablesRelayDataPlane(settings, new ProcessNftRunner("nft"), System::nanoTime) : null;
        NettyRelayDataPlane netty = kernel ? null : new NettyRelayDataPlane(settings, System::nanoTime);
        RelayDataPlane plane = kernel ? nft : netty;
        try (DatagramChannel a = bind("127.0.0.2"); DatagramChannel b = bind("127.0.0.3")) {
            InetSocketAddress relay = new InetSocketAddress(RELAY_BIND.getAddress(),
                    plane.open(new Opening(id, peerA, peerB, UNLIMITED, 0)));
            a.send(ByteBuffer.wrap(CapturedHandshake.INITIATION_A_TO_B), relay);
            Thread.sleep(50);
            b.send(ByteBuffer.wrap(TestMessages.initiationTowards(CapturedHandshake.A, 1)), relay);
            ByteBuffer first = ByteBuffer.allocate(2048);
            a.configureBlocking(true);
            a.receive(first);
            if (kernel) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!nft.offloaded(id)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the kernel rules were not installed");
                    }
                    Thread.sleep(5);
                }
            }
            return blast(a, b, relay);
        } finally {
            if (kernel) {
                nft.close();
            } else {
                netty.close();
            }
        }
    }

    /** Sends from {@code a} to {@code to} as fast as one thread can; B's received rate. */
    private static double blast(DatagramChannel a, DatagramChannel b, InetSocketAddress to) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder received = new LongAdder();
        b.configureBlocking(true);
        Thread receiver = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            while (!stop.get()) {
                try {
                    buffer.clear();
                    if (b.receive(buffer) != null) {
                        received.increment();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "bench-receiver");
        Thread sender = new Thread(() -> {
            ByteBuffer datagram = ByteBuffer.allocateDirect(PAYLOAD);
            datagram.put(TestMessages.transport(PAYLOAD, 42)).flip();
            while (!stop.get()) {
                try {
                    datagram.rewind();
                    a.send(datagram, to);
                } catch (IOException e) {
                    // ENOBUFS and the like under overload: keep sending
                }
            }
        }, "bench-sender");
        receiver.start();
        sender.start();
        Thread.sleep(WARMUP_NANOS / 1_000_000);
        long start = System.nanoTime();
        long before = received.sum();
        Thread.sleep(MEASURE_NANOS / 1_000_000);
        long after = received.sum();
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        sender.join();
        // Unblock the receiver with one last datagram straight to it.
        try (DatagramChannel kick = bind("127.0.0.4")) {
            kick.send(ByteBuffer.allocate(1), b.getLocalAddress());
        }
        receiver.join(2000);
        return (after - before) * 1e9 / elapsed;
    }

    private static DatagramChannel bind(String address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        channel.bind(new InetSocketAddress(IpAddresses.parse(address), 0));
        return channel;
    }
}
