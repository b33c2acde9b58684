package dev.wireplug.domain.endpoint;

import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this host knows of its own network: the public IPv4 address the coordinator saw, its LAN
 * prefixes, whether it has a global IPv6 address, and its NAT kind.
 */
public record LocalView(Optional<InetAddress> publicAddress, List<IpPrefix> lanPrefixes, boolean hasIpv6, NatKind natKind) {
    public LocalView {
        Objects.requireNonNull(publicAddress, "publicAddress");
        lanPrefixes = List.copyOf(lanPrefixes);
        Objects.requireNonNull(natKind, "natKind");
    }
}
