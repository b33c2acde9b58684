package dev.wireplug.adapters.wireguard;

import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the host's {@link NetworkSnapshot} from rtnetlink dumps: addresses of interfaces that are
 * up, leaving out loopback, WireGuard and TUN interfaces (the tunnel's own addresses say nothing
 * about which LAN we are on) and IPv6 link-local addresses (every link has one).
 */
final class LanSnapshots {
    /** Link kinds (IFLA_INFO_KIND) that are tunnels, never a LAN. wireguard-go makes a "tun". */
    static final Set<String> TUNNEL_KINDS = Set.of("wireguard", "tun");

    private LanSnapshots() {}

    static boolean isLan(RtnetlinkCodec.Event.Link link) {
        return !link.loopback() && link.kind().map(k -> !TUNNEL_KINDS.contains(k)).orElse(true);
    }

    static NetworkSnapshot from(List<RtnetlinkCodec.Event.Link> links, List<RtnetlinkCodec.Event.Address> addresses,
            List<RtnetlinkCodec.Event.Route> routes) {
        Map<Integer, RtnetlinkCodec.Event.Link> byIndex = links.stream()
                .collect(Collectors.toMap(RtnetlinkCodec.Event.Link::index, Function.identity(), (a, b) -> b));
        List<IpPrefix> lan = new ArrayList<>();
        for (RtnetlinkCodec.Event.Address a : addresses) {
            RtnetlinkCodec.Event.Link link = byIndex.get(a.index());
            if (link == null || !isLan(link) || (link.flags() & RtnetlinkCodec.IFF_UP) == 0) {
                continue;
            }
            if (a.prefix().address().isLinkLocalAddress() && !a.prefix().isIpv4()) {
                continue;
            }
            lan.add(a.prefix());
        }
        Optional<InetAddress> v4 = Optional.empty();
        Optional<InetAddress> v6 = Optional.empty();
        for (RtnetlinkCodec.Event.Route r : routes) {
            RtnetlinkCodec.Event.Link link = byIndex.get(r.index());
            if (!r.isDefault() || r.gateway().isEmpty() || (link != null && !isLan(link))) {
                continue;
            }
            if (r.gateway().get() instanceof Inet4Address) {
                v4 = v4.or(r::gateway);
            } else {
                v6 = v6.or(r::gateway);
            }
        }
        return new NetworkSnapshot(lan, v4, v6);
    }
}
