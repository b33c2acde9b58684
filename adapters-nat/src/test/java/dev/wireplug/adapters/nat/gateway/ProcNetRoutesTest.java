package dev.wireplug.adapters.nat.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines as a Debian 12 x86-64 kernel prints them (little-endian host order for IPv4). */
class ProcNetRoutesTest {
    static final List<String> ROUTE = List.of(
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
            "eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0",
            "eth0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
            "wg0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0");

    static final List<String> IPV6_ROUTE = List.of(
            "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0",
            "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000002 00000000 00000003     eth0",
            "00000000000000000000000000000000 00 00000000000000000000000000000000 00 20010db8000000000000000000000001 00000200 00000002 00000000 00000003    wlan0",
            "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo");

    @Test
    void lowestMetricDefaultRouteWithAGatewayWins() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.1")),
                ProcNetRoutes.ipv4DefaultGateway(ROUTE, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void bigEndianHostsPrintNetworkOrder() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.1")),
                ProcNetRoutes.ipv4DefaultGateway(List.of("eth0\t00000000\t0A000001\t0003\t0\t0\t0\t00000000\t0\t0\t0"),
                        ByteOrder.BIG_ENDIAN));
    }

    @Test
    void noDefaultRouteGivesNothing() {
        assertEquals(Optional.empty(), ProcNetRoutes.ipv4DefaultGateway(List.of(ROUTE.get(0), ROUTE.get(3), ROUTE.get(4), "junk"),
                ByteOrder.LITTLE_ENDIAN));
        assertEquals(Optional.empty(), ProcNetRoutes.ipv6DefaultGateway(List.of(IPV6_ROUTE.get(0), IPV6_ROUTE.get(3), "x y"),
                n -> Optional.empty()));
    }

    @Test
    void ipv6DefaultRouteSkipsRejectRoutesAndPicksTheLowestMetric() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")),
                ProcNetRoutes.ipv6DefaultGateway(IPV6_ROUTE, n -> Optional.empty()));
        assertEquals(Optional.of(InetAddress.getByName("fe80::1")),
                ProcNetRoutes.ipv6DefaultGateway(IPV6_ROUTE.subList(0, 2), n -> Optional.empty()));
    }

    @Test
    void finderReadsTheTableFiles(@TempDir Path dir) throws Exception {
        Path v4 = Files.write(dir.resolve("route"), ROUTE);
        Path v6 = Files.write(dir.resolve("ipv6_route"), IPV6_ROUTE);
        ProcNetGatewayFinder f = new ProcNetGatewayFinder(v4, v6);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            assertEquals(Optional.of(InetAddress.getByName("10.0.0.1")), f.ipv4Gateway());
        }
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), f.ipv6Gateway());
        assertEquals(Optional.empty(), new ProcNetGatewayFinder(dir.resolve("none"), dir.resolve("none")).ipv4Gateway());
    }
}
