package dev.wireplug.domain.network;

import dev.wireplug.domain.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's LAN addresses (WireGuard and loopback interfaces excluded) and default gateways:
 * what decides "same LAN" and where port mapping requests go.
 */
public record NetworkSnapshot(
        List<IpPrefix> lanAddresses, Optional<InetAddress> ipv4Gateway, Optional<InetAddress> ipv6Gateway) {
    public NetworkSnapshot {
        lanAddresses = List.copyOf(lanAddresses);
        Objects.requireNonNull(ipv4Gateway, "ipv4Gateway");
        Objects.requireNonNull(ipv6Gateway, "ipv6Gateway");
    }
}
