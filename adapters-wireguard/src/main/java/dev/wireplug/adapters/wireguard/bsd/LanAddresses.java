package dev.wireplug.adapters.wireguard.bsd;

import dev.wireplug.domain.net.IpPrefix;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host's LAN prefixes for a network snapshot: addresses of interfaces that are up, leaving out
 * loopback, point-to-point links, WireGuard interfaces (wgN on OpenBSD and FreeBSD, the utunN that
 * wireguard-go uses on macOS) and link-local addresses, which say nothing about which LAN we are on.
 */
public final class LanAddresses {
    /** One interface as the JDK describes it, so the filter is tested without real interfaces. */
    public record Interface(String name, boolean up, boolean loopback, boolean pointToPoint, List<IpPrefix> addresses) {
        public Interface {
            addresses = List.copyOf(addresses);
        }
    }

    private LanAddresses() {}

    public static List<IpPrefix> select(List<Interface> interfaces) {
        List<IpPrefix> out = new ArrayList<>();
        for (Interface candidate : interfaces) {
            if (!candidate.up() || candidate.loopback() || candidate.pointToPoint()
                    || candidate.name().startsWith("wg") || candidate.name().startsWith("utun")) {
                continue;
            }
            for (IpPrefix prefix : candidate.addresses()) {
                if (!prefix.address().isLinkLocalAddress() && !prefix.address().isLoopbackAddress()) {
                    out.add(prefix);
                }
            }
        }
        return out;
    }

    /** The interfaces the JDK sees right now. */
    public static List<Interface> current() throws SocketException {
        List<Interface> out = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            List<IpPrefix> prefixes = new ArrayList<>();
            for (InterfaceAddress address : nif.getInterfaceAddresses()) {
                int max = address.getAddress().getAddress().length * 8;
                int length = address.getNetworkPrefixLength();
                prefixes.add(new IpPrefix(address.getAddress(), length < 0 || length > max ? max : length));
            }
            out.add(new Interface(nif.getName(), nif.isUp(), nif.isLoopback(), nif.isPointToPoint(), prefixes));
        }
        return out;
    }
}
