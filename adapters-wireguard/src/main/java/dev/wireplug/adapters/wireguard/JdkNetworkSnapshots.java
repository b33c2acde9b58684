package dev.wireplug.adapters.wireguard;

import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The snapshot as the JDK sees it, on any OS: up, non-loopback, non-virtual interfaces, minus
 * names that look like tunnels; default gateways from /proc where it exists (other systems: none).
 */
final class JdkNetworkSnapshots {
    private JdkNetworkSnapshots() {}

    private static final java.util.regex.Pattern TUNNEL_NAME = java.util.regex.Pattern.compile("(wg|tun|utun)[0-9]+");

    /**
     * Whether an interface is a tunnel, which the JDK cannot tell: the usual names (wg0, tun0,
     * utun3 on macOS), or on Linux what sysfs says (a TUN device has tun_flags; a kernel WireGuard
     * device announces DEVTYPE=wireguard).
     */
    static boolean looksLikeTunnel(String name) {
        if (TUNNEL_NAME.matcher(name).matches()) {
            return true;
        }
        Path sys = Path.of("/sys/class/net", name);
        if (name.contains("/") || !Files.isDirectory(sys)) {
            return false;
        }
        return Files.exists(sys.resolve("tun_flags")) || read(sys.resolve("uevent").toString()).contains("DEVTYPE=wireguard");
    }

    static NetworkSnapshot current(Predicate<String> alsoExcluded) {
        List<IpPrefix> lan = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.isVirtual() || looksLikeTunnel(nif.getName())
                        || alsoExcluded.test(nif.getName())) {
                    continue;
                }
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    InetAddress address = a.getAddress();
                    if (address.isLinkLocalAddress() && address instanceof java.net.Inet6Address) {
                        continue;
                    }
                    int length = a.getNetworkPrefixLength();
                    if (length >= 0 && length <= address.getAddress().length * 8) {
                        lan.add(new IpPrefix(InetAddress.getByAddress(address.getAddress()), length));
                    }
                }
            }
        } catch (SocketException | java.net.UnknownHostException e) {
            System.err.println("event=jdk_interfaces_failed error=\"" + e.getMessage() + "\"");
        }
        return new NetworkSnapshot(lan, ProcNetRoute.ipv4Gateway(read("/proc/net/route")),
                ProcNetRoute.ipv6Gateway(read("/proc/net/ipv6_route")));
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

}
