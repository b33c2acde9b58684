package dev.wireplug.adapters.nat.gateway;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses the kernel's routing tables as /proc/net/route (IPv4, addresses as host-order u32 hex)
 * and /proc/net/ipv6_route (IPv6, addresses as 32 hex digits) print them (net/ipv4/fib_trie.c
 * fib_route_seq_show, net/ipv6/route.c ipv6_route_native_seq_show). The default route with the
 * lowest metric wins; loopback and reject routes are skipped.
 */
final class ProcNetRoutes {
    static final int RTF_UP = 0x0001;
    static final int RTF_GATEWAY = 0x0002;
    static final int RTF_REJECT = 0x0200;

    private ProcNetRoutes() {}

    static Optional<InetAddress> ipv4DefaultGateway(List<String> lines, ByteOrder hostOrder) {
        Optional<InetAddress> best = Optional.empty();
        long bestMetric = Long.MAX_VALUE;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            try {
                int flags = Integer.parseInt(f[3], 16);
                long metric = Long.parseLong(f[6]);
                if (!f[1].equals("00000000") || !f[7].equals("00000000")
                        || (flags & (RTF_UP | RTF_GATEWAY)) != (RTF_UP | RTF_GATEWAY) || (flags & RTF_REJECT) != 0) {
                    continue;
                }
                int raw = (int) Long.parseLong(f[2], 16);
                byte[] address = ByteBuffer.allocate(4).order(hostOrder).putInt(raw).array();
                if (metric < bestMetric) {
                    bestMetric = metric;
                    best = Optional.of(InetAddress.getByAddress(address));
                }
            } catch (NumberFormatException | UnknownHostException e) {
                // a line we do not understand is not a default route
            }
        }
        return best;
    }

    /** The interface name resolves a link-local next hop's scope (it is useless without one). */
    static Optional<InetAddress> ipv6DefaultGateway(List<String> lines, Function<String, Optional<NetworkInterface>> interfaces) {
        Optional<InetAddress> best = Optional.empty();
        long bestMetric = Long.MAX_VALUE;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                int flags = (int) Long.parseLong(f[8], 16);
                long metric = Long.parseLong(f[5], 16);
                if (!f[0].equals("0".repeat(32)) || !f[1].equals("00") || f[4].equals("0".repeat(32))
                        || (flags & (RTF_UP | RTF_GATEWAY)) != (RTF_UP | RTF_GATEWAY) || (flags & RTF_REJECT) != 0
                        || f[9].equals("lo")) {
                    continue;
                }
                byte[] nextHop = HexFormat.of().parseHex(f[4]);
                if (nextHop.length != 16 || metric >= bestMetric) {
                    continue;
                }
                Optional<NetworkInterface> nif = interfaces.apply(f[9]);
                InetAddress a = nif.isPresent() && (nextHop[0] & 0xFF) == 0xFE && (nextHop[1] & 0xC0) == 0x80
                        ? Inet6Address.getByAddress(null, nextHop, nif.get())
                        : Inet6Address.getByAddress(null, nextHop, null);
                bestMetric = metric;
                best = Optional.of(a);
            } catch (IllegalArgumentException | UnknownHostException e) {
                // not a route line
            }
        }
        return best;
    }

    static Optional<NetworkInterface> byName(String name) {
        try {
            return Optional.ofNullable(NetworkInterface.getByName(name));
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    static boolean isIpv4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
