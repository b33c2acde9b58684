package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkChange;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The parts of the monitors that decide what to report, without any socket. */
class NetworkMonitorLogicTest {
    private static final int UP = RtnetlinkCodec.IFF_UP | RtnetlinkCodec.IFF_RUNNING;

    private static RtnetlinkCodec.Event.Link link(int index, String name, int flags, String kind) {
        return new RtnetlinkCodec.Event.Link(index, name, flags, Optional.ofNullable(kind), false);
    }

    private static RtnetlinkCodec.Event.Address address(int index, String prefix) {
        return new RtnetlinkCodec.Event.Address(index, IpPrefix.parse(prefix), Optional.empty(), true);
    }

    @Test
    void snapshotLeavesOutLoopbackTunnelsDownLinksAndLinkLocal() {
        List<RtnetlinkCodec.Event.Link> links = List.of(
                link(1, "lo", UP | RtnetlinkCodec.IFF_LOOPBACK, null),
                link(2, "eth0", UP, "veth"),
                link(3, "wg0", UP, "wireguard"),
                link(4, "wgt0", UP, "tun"),
                link(5, "eth1", 0, null));
        NetworkSnapshot s = LanSnapshots.from(links,
                List.of(address(1, "127.0.0.1/8"), address(2, "10.66.0.5/24"), address(2, "fe80::1/64"),
                        address(2, "2001:db8::5/64"), address(3, "10.0.0.2/24"), address(4, "10.1.0.2/24"),
                        address(5, "10.2.0.2/24")),
                List.of(new RtnetlinkCodec.Event.Route(3, 2, 0, 254, Optional.of(IpAddresses.parse("10.0.0.1")), true),
                        new RtnetlinkCodec.Event.Route(2, 2, 0, 254, Optional.of(IpAddresses.parse("10.66.0.1")), true),
                        new RtnetlinkCodec.Event.Route(2, 10, 0, 254, Optional.of(IpAddresses.parse("fe80::1")), true),
                        new RtnetlinkCodec.Event.Route(2, 2, 24, 254, Optional.empty(), true)));
        assertEquals(List.of(IpPrefix.parse("10.66.0.5/24"), IpPrefix.parse("2001:db8::5/64")), s.lanAddresses());
        assertEquals(Optional.of(IpAddresses.parse("10.66.0.1")), s.ipv4Gateway(), "not the tunnel's default");
        assertEquals(Optional.of(IpAddresses.parse("fe80::1")), s.ipv6Gateway());
    }

    @Test
    void monitorReportsLinkStateChangesOnlyAndSkipsTunnels() {
        RtnetlinkNetworkMonitor monitor = new RtnetlinkNetworkMonitor(Duration.ofMillis(10));
        assertEquals(Optional.of(new NetworkChange.LinkChanged("eth0", true)), monitor.translate(link(2, "eth0", UP, "veth")));
        assertEquals(Optional.empty(), monitor.translate(link(2, "eth0", UP, "veth")), "same state: nothing");
        assertEquals(Optional.of(new NetworkChange.LinkChanged("eth0", false)),
                monitor.translate(link(2, "eth0", RtnetlinkCodec.IFF_UP, "veth")), "carrier lost");
        assertEquals(Optional.empty(), monitor.translate(link(3, "wg0", UP, "wireguard")));
        assertEquals(Optional.empty(), monitor.translate(address(3, "10.0.0.2/24")), "tunnel address");
        assertEquals(Optional.of(new NetworkChange.AddressChanged("eth0", IpPrefix.parse("10.66.0.5/24"), true)),
                monitor.translate(address(2, "10.66.0.5/24")));
        assertEquals(Optional.of(new NetworkChange.DefaultRouteChanged("eth0")), monitor.translate(
                new RtnetlinkCodec.Event.Route(2, 2, 0, 254, Optional.of(IpAddresses.parse("10.66.0.1")), false)));
        assertEquals(Optional.empty(), monitor.translate(
                new RtnetlinkCodec.Event.Route(2, 2, 24, 254, Optional.empty(), true)), "not a default route");
        assertEquals(Optional.empty(), monitor.translate(
                new RtnetlinkCodec.Event.Route(2, 2, 0, 255, Optional.empty(), true)), "local table");
        assertEquals(Optional.of(new NetworkChange.LinkChanged("eth0", false)), monitor.translate(
                new RtnetlinkCodec.Event.Link(2, "eth0", UP, Optional.of("veth"), true)), "deleted");
    }

    @Test
    void pollingDiffReportsLinksAddressesAndGateways() {
        NetworkSnapshot none = new NetworkSnapshot(List.of(), Optional.empty(), Optional.empty());
        PollingNetworkMonitor.Observation before = new PollingNetworkMonitor.Observation(
                Map.of("eth0", true, "eth1", true), Map.of("eth0", Set.of(IpPrefix.parse("10.0.0.2/24"))), none);
        PollingNetworkMonitor.Observation after = new PollingNetworkMonitor.Observation(
                Map.of("eth0", true, "eth1", false), Map.of("eth0", Set.of(IpPrefix.parse("10.9.0.2/24"))),
                new NetworkSnapshot(List.of(), Optional.of(IpAddresses.parse("10.9.0.1")), Optional.empty()));
        assertEquals(List.of(new NetworkChange.LinkChanged("eth1", false),
                new NetworkChange.AddressChanged("eth0", IpPrefix.parse("10.9.0.2/24"), true),
                new NetworkChange.AddressChanged("eth0", IpPrefix.parse("10.0.0.2/24"), false),
                new NetworkChange.DefaultRouteChanged("")), PollingNetworkMonitor.diff(before, after));
        assertEquals(List.of(), PollingNetworkMonitor.diff(after, after));
    }

    @Test
    void debouncerDeliversABurstOnceInOrder() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (Debouncer<String> d = new Debouncer<>(Duration.ofMillis(30), got::add, "test-debounce")) {
            d.offer("a");
            d.offer("b");
            d.offer("a");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (got.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            assertEquals(List.of("a", "b"), got);
            d.offer("a");
            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (got.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of("a", "b", "a"), got, "a later burst is delivered again");
        }
    }

    @Test
    void tunnelNamesAreTheUsualOnesNotEveryNameStartingWithWg() {
        for (String tunnel : List.of("wg0", "wg12", "tun0", "utun3")) {
            assertTrue(JdkNetworkSnapshots.looksLikeTunnel(tunnel), tunnel);
        }
        for (String lan : List.of("wgt-p0", "wlan0", "eth0", "en0", "a/b")) {
            assertEquals(false, JdkNetworkSnapshots.looksLikeTunnel(lan), lan);
        }
    }

    @Test
    void procNetRouteGivesTheDefaultGateways() {
        // Format of linux/net/ipv4/fib_trie.c fib_route_seq_show (addresses as host-order hex),
        // and net/ipv6/route.c ipv6_route_native_seq_show.
        String v4 = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\t0042000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                eth0\t00000000\t0100420A\t0003\t0\t0\t100\t00000000\t0\t0\t0
                """;
        assertEquals(Optional.of(IpAddresses.parse("10.66.0.1")), ProcNetRoute.ipv4Gateway(v4));
        String v6 = """
                fd000066000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
                """;
        assertEquals(Optional.of(IpAddresses.parse("fe80::1")), ProcNetRoute.ipv6Gateway(v6));
        assertTrue(ProcNetRoute.ipv4Gateway("garbage\n\n").isEmpty());
    }
}
