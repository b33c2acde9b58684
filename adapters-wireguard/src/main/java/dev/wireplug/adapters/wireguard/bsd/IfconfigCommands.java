package dev.wireplug.adapters.wireguard.bsd;

import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ifconfig(8) and route(8) argument lists that bring a WireGuard interface up with its
 * addresses, MTU and AllowedIPs routes, as wg-quick does on each system (wireguard-tools
 * src/wg-quick/openbsd.bash, freebsd.bash, darwin.bash: add_addr, set_mtu, up_if, add_route, in
 * cmd_up's order). Pure: running them is the caller's business, so every system's commands are
 * tested here on Linux.
 *
 * <p>Like wg-quick: routes go most specific first ({@code sort -nr -k 2 -t /}); a /0 becomes two
 * /1 routes so the default route stays in place; OpenBSD routes through the interface's first
 * address of the family ({@code -iface ADDR}), the others name the interface
 * ({@code -interface IF}); macOS gives an IPv4 address its own address as the point-to-point
 * destination. Not done here, because they need the live system: wg-quick's automatic MTU (the
 * default route's MTU minus 80), skipping a route that already goes through the interface, and
 * the host routes that keep endpoints off the tunnel.
 */
public final class IfconfigCommands {
    public enum BsdSystem { OPENBSD, FREEBSD, DARWIN }

    /** What the config file asks of the interface. */
    public record InterfaceSetup(List<IpPrefix> addresses, OptionalInt mtu, List<IpPrefix> routes) {
        public InterfaceSetup {
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(mtu, "mtu");
            routes = List.copyOf(routes);
        }
    }

    private IfconfigCommands() {}

    public static List<List<String>> up(BsdSystem system, String interfaceName, InterfaceSetup setup) {
        List<List<String>> commands = new ArrayList<>();
        for (IpPrefix address : setup.addresses()) {
            commands.add(addAddress(system, interfaceName, address));
        }
        setup.mtu().ifPresent(mtu -> commands.add(List.of("ifconfig", interfaceName, "mtu", Integer.toString(mtu))));
        commands.add(List.of("ifconfig", interfaceName, "up"));
        List<IpPrefix> routes = new ArrayList<>(setup.routes());
        routes.sort(Comparator.comparingInt(IpPrefix::length).reversed());
        for (IpPrefix route : routes) {
            commands.addAll(addRoute(system, interfaceName, route, setup.addresses()));
        }
        return commands;
    }

    private static String family(IpPrefix prefix) {
        return prefix.isIpv4() ? "inet" : "inet6";
    }

    static List<String> addAddress(BsdSystem system, String interfaceName, IpPrefix address) {
        if (system == BsdSystem.DARWIN && address.isIpv4()) {
            // utun is point to point: darwin.bash passes the address itself as the destination.
            return List.of("ifconfig", interfaceName, "inet", address.toString(),
                    IpAddresses.format(address.address()), "alias");
        }
        return List.of("ifconfig", interfaceName, family(address), address.toString(), "alias");
    }

    static List<List<String>> addRoute(BsdSystem system, String interfaceName, IpPrefix route,
            List<IpPrefix> addresses) {
        List<IpPrefix> targets = route.length() == 0
                ? route.isIpv4()
                        ? List.of(IpPrefix.parse("0.0.0.0/1"), IpPrefix.parse("128.0.0.0/1"))
                        : List.of(IpPrefix.parse("::/1"), IpPrefix.parse("8000::/1"))
                : List.of(route.network());
        List<String> via;
        if (system == BsdSystem.OPENBSD) {
            Optional<IpPrefix> first = addresses.stream().filter(a -> a.isIpv4() == route.isIpv4()).findFirst();
            if (first.isEmpty()) {
                throw new IllegalArgumentException("a local " + (route.isIpv4() ? "IPv4" : "IPv6")
                        + " address must be set on " + interfaceName + " to route " + route + " on OpenBSD");
            }
            via = List.of("-iface", IpAddresses.format(first.get().address()));
        } else {
            via = List.of("-interface", interfaceName);
        }
        List<List<String>> commands = new ArrayList<>();
        for (IpPrefix target : targets) {
            List<String> command = new ArrayList<>(List.of("route", "-q", "-n", "add", "-" + family(target),
                    target.toString()));
            command.addAll(via);
            commands.add(List.copyOf(command));
        }
        return commands;
    }
}
