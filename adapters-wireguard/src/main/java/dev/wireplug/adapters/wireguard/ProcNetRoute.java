package dev.wireplug.adapters.wireguard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The default gateways from /proc/net/route and /proc/net/ipv6_route, for when netlink is not
 * available (a fallback only: these files cannot say which table a route is in).
 */
final class ProcNetRoute {
    private ProcNetRoute() {}

    /**
     * /proc/net/route: a header line, then "Iface Destination Gateway Flags RefCnt Use Metric Mask
     * ..." with addresses as 8 hex digits of the address in host (little-endian) order.
     */
    static Optional<InetAddress> ipv4Gateway(String text) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[1].equals("00000000") || !f[7].equals("00000000") || f[2].equals("00000000")) {
                continue;
            }
            try {
                int le = (int) Long.parseLong(f[2], 16);
                byte[] bytes = {(byte) le, (byte) (le >> 8), (byte) (le >> 16), (byte) (le >> 24)};
                return Optional.of(Inet4Address.getByAddress(bytes));
            } catch (NumberFormatException | UnknownHostException e) {
                // A line that is not a route: skip it.
            }
        }
        return Optional.empty();
    }

    /**
     * /proc/net/ipv6_route: "dest destlen src srclen nexthop metric refcnt use flags iface", addresses
     * as 32 hex digits in network order.
     */
    static Optional<InetAddress> ipv6Gateway(String text) {
        String zero = "0".repeat(32);
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].equals(zero) || !f[1].equals("00") || f[4].equals(zero) || f[9].equals("lo")) {
                continue;
            }
            try {
                return Optional.of(Inet6Address.getByAddress(null, HexFormat.of().parseHex(f[4]), -1));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // Not a route line: skip it.
            }
        }
        return Optional.empty();
    }
}
