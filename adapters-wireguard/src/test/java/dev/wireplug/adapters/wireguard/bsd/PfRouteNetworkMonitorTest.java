package dev.wireplug.adapters.wireguard.bsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkChange;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PfRouteNetworkMonitorTest {
    private final AtomicLong now = new AtomicLong();

    /** Hands out queued messages one per read; answers RTM_GET writes through {@code replies}. */
    private static class FakeSocket implements RoutingSocket {
        final Deque<byte[]> incoming = new ArrayDeque<>();
        final List<byte[]> written = new ArrayList<>();
        Function<byte[], List<byte[]>> replies = request -> List.of();
        volatile boolean closed;
        int reads;

        @Override
        public int read(byte[] buffer, int timeoutMillis) {
            reads++;
            byte[] next = incoming.poll();
            if (next == null) {
                return 0;
            }
            System.arraycopy(next, 0, buffer, 0, next.length);
            return next.length;
        }

        @Override
        public void write(byte[] message) {
            written.add(message.clone());
            incoming.addAll(replies.apply(message));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static byte[] freeBsdLink(int index, boolean up) {
        return new LittleEndianImage(168).u16(0, 168).u8(2, 5).u8(3, 0xe).u32(8, up ? 0x41 : 0x40).u16(12, index)
                .bytes();
    }

    private static byte[] freeBsdNewAddress(int index, String dottedHex) {
        // ifa_msghdr (20), an 8-byte netmask (one 8-byte slot), then the sockaddr_in
        return new LittleEndianImage(20 + 8 + 16).u16(0, 44).u8(2, 5).u8(3, 0xc).u32(4, 0x04 | 0x20).u16(12, index)
                .raw(20, hex("08 00 0000 ffffff00")).raw(28, hex("1002 0000 " + dottedHex + " 0000000000000000"))
                .bytes();
    }

    private PfRouteNetworkMonitor monitor(FakeSocket socket, List<LanAddresses.Interface> interfaces) {
        return new PfRouteNetworkMonitor(() -> socket, RoutingSocketLayout.FREEBSD,
                index -> Optional.of("em" + index), runnable -> new Thread(() -> { }), Duration.ofMillis(30),
                now::get, () -> interfaces);
    }

    @Test
    void aBurstIsDeliveredOnceItIsOverWithDuplicatesCoalesced() {
        FakeSocket socket = new FakeSocket();
        List<NetworkChange> seen = new ArrayList<>();
        PfRouteNetworkMonitor monitor = monitor(socket, List.of());
        monitor.start(seen::add); // the thread factory's thread ignores its task: steps are driven here
        socket.incoming.addAll(List.of(freeBsdLink(1, true), freeBsdNewAddress(1, "c0a8010a"), freeBsdLink(1, true)));

        for (long t : new long[] {0, 10, 20, 40}) {
            now.set(Duration.ofMillis(t).toNanos());
            monitor.step(seen::add);
        }
        assertEquals(List.of(), seen, "20 ms after the last message the burst may not be over");

        now.set(Duration.ofMillis(55).toNanos());
        monitor.step(seen::add);
        assertEquals(List.of(new NetworkChange.LinkChanged("em1", true),
                new NetworkChange.AddressChanged("em1", IpPrefix.parse("192.168.1.10/24"), true)), seen);

        now.set(Duration.ofMillis(200).toNanos());
        monitor.step(seen::add);
        assertEquals(2, seen.size(), "nothing is delivered twice");
    }

    @Test
    void aMessageThatDoesNotParseIsSkippedAndTheNextOneStillCounts() {
        FakeSocket socket = new FakeSocket();
        List<NetworkChange> seen = new ArrayList<>();
        PfRouteNetworkMonitor monitor = monitor(socket, List.of());
        monitor.start(seen::add);
        socket.incoming.addAll(List.of(new byte[] {(byte) 200, 0, 5, 0xe}, freeBsdLink(2, false)));
        for (long t : new long[] {0, 1, 100}) {
            now.set(Duration.ofMillis(t).toNanos());
            monitor.step(seen::add);
        }
        assertEquals(List.of(new NetworkChange.LinkChanged("em2", false)), seen);
    }

    @Test
    void theSnapshotFiltersLanAddressesAndAsksTheRoutingSocketForGateways() {
        FakeSocket socket = new FakeSocket();
        DefaultGatewayQuery query = new DefaultGatewayQuery(RoutingSocketLayout.FREEBSD);
        socket.replies = request -> {
            int pid = RouteMessageDecoder.i32(request, 16);
            int seq = RouteMessageDecoder.i32(request, 20);
            boolean v6 = request[153] == 28;
            byte[] reply = new LittleEndianImage(152 + 16 + 16 + 16).u16(0, 200).u8(2, 5).u8(3, 4)
                    .u32(12, 0x7).u32(16, pid).u32(20, seq).u32(24, v6 ? 3 : 0) // ESRCH: no IPv6 default route
                    .raw(152, hex("1002")).raw(168, hex("1002 0000 c0a80101")).raw(184, hex("1002"))
                    .bytes();
            return List.of(freeBsdLink(1, true), reply); // someone else's message comes first
        };
        List<LanAddresses.Interface> interfaces = List.of(
                new LanAddresses.Interface("lo0", true, true, false, List.of(IpPrefix.parse("127.0.0.1/8"))),
                new LanAddresses.Interface("em0", true, false, false,
                        List.of(IpPrefix.parse("192.168.1.10/24"), IpPrefix.parse("fe80::1/64"))),
                new LanAddresses.Interface("wg0", true, false, false, List.of(IpPrefix.parse("10.8.0.2/24"))));

        NetworkSnapshot snapshot = monitor(socket, interfaces).snapshot();

        assertEquals(new NetworkSnapshot(List.of(IpPrefix.parse("192.168.1.10/24")),
                Optional.of(IpAddresses.parse("192.168.1.1")), Optional.empty()), snapshot);
        assertEquals(2, socket.written.size());
        assertTrue(socket.closed, "the query socket is closed");
    }

    @Test
    void startedForRealTheReaderDeliversAndStopsOnClose() throws Exception {
        List<NetworkChange> seen = new CopyOnWriteArrayList<>();
        FakeSocket socket = new FakeSocket() {
            @Override
            public int read(byte[] buffer, int timeoutMillis) {
                int n = super.read(buffer, timeoutMillis);
                if (n == 0) {
                    try {
                        Thread.sleep(timeoutMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return n;
            }
        };
        socket.incoming.add(freeBsdLink(3, true)); // queued before the reader thread starts
        PfRouteNetworkMonitor monitor = new PfRouteNetworkMonitor(() -> socket, RoutingSocketLayout.FREEBSD,
                index -> Optional.of("em" + index), MonitorThreads.daemon("test-pf-route"), Duration.ofMillis(30),
                System::nanoTime, List::of);
        long start = System.nanoTime();
        monitor.start(seen::add);
        while (seen.isEmpty() && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
            Thread.sleep(5);
        }
        long delivered = System.nanoTime() - start;
        monitor.close();
        assertEquals(List.of(new NetworkChange.LinkChanged("em3", true)), seen);
        assertTrue(socket.closed);
        System.out.printf("pf_route monitor: change delivered %.1f ms after the message (debounce 30 ms)%n",
                delivered / 1e6);
    }

    @Test
    void lanAddressesLeaveOutLoopbackPointToPointWireGuardAndLinkLocal() {
        assertEquals(List.of(IpPrefix.parse("10.0.0.5/24"), IpPrefix.parse("2001:db8::5/64")),
                LanAddresses.select(List.of(
                        new LanAddresses.Interface("em0", true, false, false,
                                List.of(IpPrefix.parse("10.0.0.5/24"), IpPrefix.parse("fe80::5/64"),
                                        IpPrefix.parse("2001:db8::5/64"))),
                        new LanAddresses.Interface("em1", false, false, false, List.of(IpPrefix.parse("10.1.0.5/24"))),
                        new LanAddresses.Interface("utun3", true, false, true, List.of(IpPrefix.parse("10.8.0.3/32"))),
                        new LanAddresses.Interface("wg1", true, false, false, List.of(IpPrefix.parse("10.9.0.3/24"))),
                        new LanAddresses.Interface("lo0", true, true, false, List.of(IpPrefix.parse("127.0.0.1/8"))))));
    }

    @Test
    void theJdkSeesAtLeastTheLoopbackInterface() throws IOException {
        assertTrue(LanAddresses.current().stream().anyMatch(LanAddresses.Interface::loopback),
                "every host has a loopback interface");
    }
}
