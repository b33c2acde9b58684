package dev.wireplug.adapters.transport.relay;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nftables scripts of the in-kernel relay, as text (pure, so they are unit-tested as strings
 * and run by {@link NftRunner}). Everything lives in one table, {@code inet wireplug_relay}; per
 * allocation there are map elements, a counting chain and two named limits, never a rule in a hot
 * chain, so lookups stay O(1) however many allocations there are.
 *
 * <p>How a datagram from learned side A ({@code a:ap}) to the relay port P is forwarded:
 * <ol>
 * <li>raw (prerouting for remote peers, output for local ones, as in the tests): {@code ct zone set}
 *     from {@code zones4[a . ap . P]}. Each activation gets a fresh conntrack zone, so any
 *     conntrack entry made before (while the datagrams went to the learning socket) or for an
 *     earlier address of a side is never reused: NAT applies only to new entries.</li>
 * <li>mangle: {@code acct4[a . ap . P]} jumps to the allocation's chain, which drops over the
 *     per-allocation and global limits and counts what passes.</li>
 * <li>dstnat: {@code dnat to dnat4[a . ap . P]} (= b:bp).</li>
 * <li>srcnat: for DNATed entries, {@code snat to snat4[a . ap . original dport]} (= relay:P), so B
 *     sees the relay port as A's endpoint, as it was told.</li>
 * </ol>
 * B's replies match the conntrack entry and are un-NATed by the kernel. Anything else sent to P
 * has no element, is tracked in zone 0 without NAT and reaches the learning socket.
 * IPv4 only: an allocation with an IPv6 side stays in user space.
 */
final class NftablesRelayRules {
    static final String TABLE = "inet wireplug_relay";
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes (\\d+)( drop)?");

    private NftablesRelayRules() {}

    /** The learned pair of one activation, in the conntrack zone it was given. */
    record Installed(RelayAllocationId id, int port, Endpoint a, Endpoint b, InetAddress relay, int zone) {
        Installed {
            Objects.requireNonNull(id, "id");
            if (!(a.address() instanceof Inet4Address) || !(b.address() instanceof Inet4Address)
                    || !(relay instanceof Inet4Address)) {
                throw new IllegalArgumentException("the nftables relay offloads IPv4 only");
            }
            if (zone < 1 || zone > 65535) {
                throw new IllegalArgumentException("conntrack zone " + zone + " is outside 1-65535");
            }
        }
    }

    /** Creates (or recreates, empty) the table with its maps, hooks and global limits. */
    static String table(RelayLimits global) {
        return "table " + TABLE + " {}\n"
                + "delete table " + TABLE + "\n"
                + "table " + TABLE + " {\n"
                + "  map zones4 { typeof ip saddr . udp sport . udp dport : ct zone; }\n"
                + "  map dnat4 { type ipv4_addr . inet_service . inet_service : ipv4_addr . inet_service; }\n"
                + "  map snat4 { type ipv4_addr . inet_service . inet_service : ipv4_addr . inet_service; }\n"
                + "  map acct4 { type ipv4_addr . inet_service . inet_service : verdict; }\n"
                + "  limit global_packets { " + packetRate(global) + " }\n"
                + "  limit global_bytes { " + byteRate(global) + " }\n"
                + hook("raw_pre", "filter", "prerouting", "raw", "ct zone set ip saddr . udp sport . udp dport map @zones4")
                + hook("raw_out", "filter", "output", "raw", "ct zone set ip saddr . udp sport . udp dport map @zones4")
                + hook("acct_pre", "filter", "prerouting", "mangle", "ip saddr . udp sport . udp dport vmap @acct4")
                + hook("acct_out", "filter", "output", "mangle", "ip saddr . udp sport . udp dport vmap @acct4")
                + hook("nat_pre", "nat", "prerouting", "dstnat", "dnat ip to ip saddr . udp sport . udp dport map @dnat4")
                + hook("nat_out", "nat", "output", "-100", "dnat ip to ip saddr . udp sport . udp dport map @dnat4")
                + hook("nat_post", "nat", "postrouting", "srcnat",
                        "ct status dnat snat ip to ip saddr . udp sport . ct original proto-dst map @snat4")
                + "}\n";
    }

    static String dropTable() {
        return "table " + TABLE + " {}\ndelete table " + TABLE + "\n";
    }

    /** The allocation's counting chain and limits, made when its port opens. */
    static String opened(RelayAllocationId id, RelayLimits limits) {
        String chain = chain(id);
        return "add limit " + TABLE + " " + chain + "_packets { " + packetRate(limits) + " }\n"
                + "add limit " + TABLE + " " + chain + "_bytes { " + byteRate(limits) + " }\n"
                + "add chain " + TABLE + " " + chain + "\n"
                + "add rule " + TABLE + " " + chain + " limit name \"" + chain + "_packets\" counter drop\n"
                + "add rule " + TABLE + " " + chain + " limit name \"" + chain + "_bytes\" counter drop\n"
                + "add rule " + TABLE + " " + chain + " limit name \"global_packets\" counter drop\n"
                + "add rule " + TABLE + " " + chain + " limit name \"global_bytes\" counter drop\n"
                + "add rule " + TABLE + " " + chain + " counter\n";
    }

    /** Installs the forwarding for a learned pair. */
    static String activate(Installed pair) {
        String keyA = key(pair.a(), pair.port());
        String keyB = key(pair.b(), pair.port());
        String relay = IpAddresses.format(pair.relay()) + " . " + pair.port();
        return "add element " + TABLE + " zones4 { " + keyA + " : " + pair.zone() + ", " + keyB + " : " + pair.zone() + " }\n"
                + "add element " + TABLE + " dnat4 { " + keyA + " : " + value(pair.b()) + ", " + keyB + " : " + value(pair.a()) + " }\n"
                + "add element " + TABLE + " snat4 { " + keyA + " : " + relay + ", " + keyB + " : " + relay + " }\n"
                + "add element " + TABLE + " acct4 { " + keyA + " : jump " + chain(pair.id()) + ", " + keyB + " : jump "
                + chain(pair.id()) + " }\n";
    }

    /** Removes what {@link #activate} installed (before a relearn, or on close). */
    static String deactivate(Installed pair) {
        String keys = "{ " + key(pair.a(), pair.port()) + ", " + key(pair.b(), pair.port()) + " }";
        StringBuilder script = new StringBuilder();
        for (String map : new String[] {"zones4", "dnat4", "snat4", "acct4"}) {
            script.append("delete element ").append(TABLE).append(' ').append(map).append(' ').append(keys).append('\n');
        }
        return script.toString();
    }

    /** Removes the allocation's chain and limits (after {@link #deactivate} if it was active). */
    static String closed(RelayAllocationId id) {
        String chain = chain(id);
        return "flush chain " + TABLE + " " + chain + "\n"
                + "delete chain " + TABLE + " " + chain + "\n"
                + "delete limit " + TABLE + " " + chain + "_packets\n"
                + "delete limit " + TABLE + " " + chain + "_bytes\n";
    }

    static String chain(RelayAllocationId id) {
        return "relay_" + id.value();
    }

    /** What nft counts beyond the UDP payload the user-space plane counts: IPv4 and UDP headers. */
    static final int IPV4_UDP_HEADERS = 20 + 8;

    /**
     * The counters of {@code nft list chain inet wireplug_relay relay_N}: the last (plain) counter
     * is what was forwarded, the drop counters what the limits refused. nft counts whole IP
     * packets; the headers are taken off so both planes report UDP payload bytes.
     */
    static RelayCounters counters(String listing) {
        long forwardedPackets = 0;
        long forwardedBytes = 0;
        long limited = 0;
        Matcher m = COUNTER.matcher(listing);
        while (m.find()) {
            if (m.group(3) != null) {
                limited += Long.parseLong(m.group(1));
            } else {
                long packets = Long.parseLong(m.group(1));
                forwardedPackets += packets;
                forwardedBytes += Math.max(0, Long.parseLong(m.group(2)) - packets * IPV4_UDP_HEADERS);
            }
        }
        return new RelayCounters(forwardedPackets, forwardedBytes, 0, limited);
    }

    private static String hook(String name, String type, String hook, String priority, String rule) {
        return "  chain " + name + " {\n    type " + type + " hook " + hook + " priority " + priority
                + "; policy accept;\n    " + rule + "\n  }\n";
    }

    private static String packetRate(RelayLimits limits) {
        return "rate over " + limits.packetsPerSecond() + "/second burst " + limits.burstPackets() + " packets";
    }

    private static String byteRate(RelayLimits limits) {
        return "rate over " + limits.bytesPerSecond() + " bytes/second burst " + limits.burstBytes() + " bytes";
    }

    private static String key(Endpoint side, int relayPort) {
        return IpAddresses.format(side.address()) + " . " + side.port() + " . " + relayPort;
    }

    private static String value(Endpoint side) {
        return IpAddresses.format(side.address()) + " . " + side.port();
    }
}
