package dev.wireplug.lab;

import java.util.List;

/**
 * The nftables ruleset of one lab router: its NAT kind on the way out of the WAN interface, the
 * home-router firewall (nothing new in from the WAN unless it was mapped), and the empty chains
 * miniupnpd expects to find ({@code table inet filter}, chains {@code miniupnpd},
 * {@code prerouting_miniupnpd}, {@code postrouting_miniupnpd}).
 */
public final class RouterRuleset {

    /** The router's WAN interface name inside its namespace. */
    public static final String WAN = "wan";
    /** The router's LAN bridge name inside its namespace. */
    public static final String LAN = "lan";

    /** A host's WireGuard source on the LAN that FIXED_OTHER_PORT maps to another WAN port. */
    public record FixedMapping(String lanAddress, int port) {
    }

    private RouterRuleset() {
    }

    /**
     * @param fixed for FIXED_OTHER_PORT, every host that may appear on this LAN (hosts roam), so
     *              the mapping holds whichever host arrives; ignored for other kinds
     */
    public static String render(RouterKind kind, boolean firewall, String wanAddress, String lanPrefix,
            List<FixedMapping> fixed) {
        StringBuilder s = new StringBuilder();
        s.append("table inet filter {\n");
        s.append("  chain input {\n    type filter hook input priority 0; policy accept;\n");
        if (firewall) {
            appendFirewall(s);
        }
        s.append("  }\n");
        s.append("  chain forward {\n    type filter hook forward priority 0; policy accept;\n");
        s.append("    jump miniupnpd\n");
        if (firewall) {
            appendFirewall(s);
        }
        s.append("  }\n");
        s.append("  chain miniupnpd {\n  }\n");
        s.append("  chain prerouting {\n    type nat hook prerouting priority -100; policy accept;\n");
        s.append("    jump prerouting_miniupnpd\n  }\n");
        s.append("  chain postrouting {\n    type nat hook postrouting priority 100; policy accept;\n");
        s.append("    jump postrouting_miniupnpd\n");
        switch (kind) {
            case NO_NAT -> {
            }
            case EIM_PORT_PRESERVING ->
                s.append("    oifname \"").append(WAN).append("\" ip saddr ").append(lanPrefix).append(" masquerade\n");
            case FIXED_OTHER_PORT -> {
                for (FixedMapping m : fixed) {
                    s.append("    oifname \"").append(WAN).append("\" ip saddr ").append(m.lanAddress())
                            .append(" udp sport ").append(m.port())
                            .append(" snat ip to ").append(wanAddress).append(':')
                            .append(m.port() + RouterKind.FIXED_PORT_OFFSET).append('\n');
                }
                s.append("    oifname \"").append(WAN).append("\" ip saddr ").append(lanPrefix).append(" masquerade\n");
            }
            case DESTINATION_DEPENDENT ->
                s.append("    oifname \"").append(WAN).append("\" ip saddr ").append(lanPrefix)
                        .append(" masquerade fully-random\n");
        }
        s.append("  }\n");
        s.append("  chain prerouting_miniupnpd {\n  }\n");
        s.append("  chain postrouting_miniupnpd {\n  }\n");
        s.append("}\n");
        return s.toString();
    }

    // What a home router does: replies and mapped (dnat) traffic come in, anything else new from
    // the WAN is dropped, so an early probe cannot create a conntrack entry on the router itself.
    // ICMPv6 stays open: neighbour discovery needs it (RFC 4890).
    private static void appendFirewall(StringBuilder s) {
        s.append("    iifname \"").append(WAN).append("\" ct state established,related accept\n");
        s.append("    iifname \"").append(WAN).append("\" ct status dnat accept\n");
        s.append("    iifname \"").append(WAN).append("\" meta l4proto ipv6-icmp accept\n");
        s.append("    iifname \"").append(WAN).append("\" drop\n");
    }
}
