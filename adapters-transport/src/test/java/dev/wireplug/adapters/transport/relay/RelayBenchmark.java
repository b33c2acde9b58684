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
 * second. "Plain kernel forwarding" (the ceiling) is A sending straight to B over loopback: the
 * kernel's own UDP path with no relay, no NAT and no conntrack rule. The relayed runs send to
 * the relay port on 127.0.0.1 instead. Each configuration runs {@code ROUNDS} times; the median
 * is reported. The machine's other load shows in the figures: compare ratios, not absolutes.
 */
public final class RelayBenchmark {
    private static final int PAYLOAD = 1420;
    private static final int ROUNDS = 3;
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;
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
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("plain kernel (A->B direct)", median(RelayBenchmark::direct)));
        figures.add(new Figure("Netty plane (epoll)", median(() -> relayed(false))));
        figures.add(new Figure("nftables plane", median(() -> relayed(true))));
        double ceiling = figures.get(0).packetsPerSecond();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %12s %10s %8s%n", "1420-byte datagrams", "packets/s", "Mbit/s", "ratio");
        for (Figure f : figures) {
            System.out.printf(Locale.ROOT, "%-28s %12.0f %10.0f %8.2f%n", f.name(), f.packetsPerSecond(),
                    f.megabitsPerSecond(), f.packetsPerSecond() / ceiling);
        }
        System.out.printf(Locale.ROOT, "targets: Netty >= 0.50, nftables >= 0.90 of the ceiling%n");
    }

    @FunctionalInterface
    private interface Run {
        double packetsPerSecond() throws Exception;
    }

    private static double median(Run run) throws Exception {
        double[] results = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            results[i] = run.packetsPerSecond();
        }
        Arrays.sort(results);
        return results[ROUNDS / 2];
    }

    private static double direct() throws Exception {
        try (DatagramChannel a = bind("127.0.0.2"); DatagramChannel b = bind("127.0.0.3")) {
            return blast(a, b, (InetSocketAddress) b.getLocalAddress());
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
