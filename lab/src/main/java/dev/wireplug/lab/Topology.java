package dev.wireplug.lab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A description of a lab: the "internet" segment (always there), an optional coordinator host,
 * routers with their NAT kind, and hosts on the routers' LANs. Built with {@link #builder()}:
 * <pre>{@code
 * Topology t = Topology.builder()
 *         .coordinator("coord")
 *         .router("r1", RouterKind.EIM_PORT_PRESERVING)
 *         .router(RouterSpec.of("r2", RouterKind.DESTINATION_DEPENDENT).withUpnp())
 *         .host("a", "r1")
 *         .host("b", "r2")
 *         .build();
 * }</pre>
 */
public record Topology(boolean ipv6, Optional<String> coordinator, List<RouterSpec> routers, List<HostSpec> hosts) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");
    static final int MAX_ROUTERS = 200;
    static final int MAX_HOSTS = 200;

    /** A router: its name, NAT kind, whether it runs miniupnpd, whether it has the home-router firewall. */
    public record RouterSpec(String name, RouterKind kind, boolean upnp, boolean firewall) {
        /** A router with the home-router firewall when it translates, without miniupnpd. */
        public static RouterSpec of(String name, RouterKind kind) {
            return new RouterSpec(name, kind, false, kind.translates());
        }

        /** The same router, running miniupnpd (UPnP IGD, NAT-PMP and PCP). */
        public RouterSpec withUpnp() {
            return new RouterSpec(name, kind, true, firewall);
        }

        public RouterSpec withFirewall(boolean on) {
            return new RouterSpec(name, kind, upnp, on);
        }
    }

    /** A host: its name, the router whose LAN it starts on, whether it runs a wireguard-go interface. */
    public record HostSpec(String name, String router, boolean wireguard) {
    }

    public Topology {
        routers = List.copyOf(routers);
        hosts = List.copyOf(hosts);
        Set<String> names = new HashSet<>(List.of("inet"));
        coordinator.ifPresent(c -> checkName(c, names));
        Set<String> routerNames = new HashSet<>();
        for (RouterSpec r : routers) {
            checkName(r.name(), names);
            routerNames.add(r.name());
        }
        for (HostSpec h : hosts) {
            checkName(h.name(), names);
            if (!routerNames.contains(h.router())) {
                throw new IllegalArgumentException("host " + h.name() + " is on unknown router " + h.router());
            }
        }
        if (routers.size() > MAX_ROUTERS || hosts.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("at most " + MAX_ROUTERS + " routers and " + MAX_HOSTS + " hosts");
        }
    }

    private static void checkName(String name, Set<String> seen) {
        if (!NAME.matcher(name).matches()) {
            // Names end up in interface names (15 bytes at most) next to the run prefix.
            throw new IllegalArgumentException("lab names are 1-8 of [a-z0-9], starting with a letter: '" + name + "'");
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("name used twice (or reserved): " + name);
        }
    }

    /** 1-based index of a router: it numbers the router's WAN address and LAN prefix. */
    public int routerIndex(String name) {
        for (int i = 0; i < routers.size(); i++) {
            if (routers.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no router " + name);
    }

    public RouterSpec router(String name) {
        return routers.get(routerIndex(name) - 1);
    }

    /** 1-based index of a host: it numbers the host's address on any LAN, overlay address and WireGuard port. */
    public int hostIndex(String name) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no host " + name);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private boolean ipv6;
        private Optional<String> coordinator = Optional.empty();
        private final List<RouterSpec> routers = new ArrayList<>();
        private final List<HostSpec> hosts = new ArrayList<>();

        /** Adds IPv6 (2001:db8::/32, routed, no NAT) to the internet segment and every LAN. */
        public Builder ipv6() {
            this.ipv6 = true;
            return this;
        }

        /** The coordinator host on the internet, with two addresses (for STUN behaviour discovery). */
        public Builder coordinator(String name) {
            this.coordinator = Optional.of(name);
            return this;
        }

        public Builder router(String name, RouterKind kind) {
            return router(RouterSpec.of(name, kind));
        }

        public Builder router(RouterSpec spec) {
            routers.add(spec);
            return this;
        }

        /** A host with a wireguard-go interface on the LAN of {@code router}. */
        public Builder host(String name, String router) {
            hosts.add(new HostSpec(name, router, true));
            return this;
        }

        /** A host without WireGuard (a plain machine on the LAN). */
        public Builder plainHost(String name, String router) {
            hosts.add(new HostSpec(name, router, false));
            return this;
        }

        public Topology build() {
            return new Topology(ipv6, coordinator, routers, hosts);
        }
    }
}
