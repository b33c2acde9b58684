package dev.wireplug.domain.endpoint;

import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about where a peer can be reached: from the coordinator (observed public
 * endpoint, verified gateway mapping, relay) and from the peer's sealed hints (LAN addresses and
 * prefixes, IPv6 endpoint).
 */
public record PeerView(
        Optional<Endpoint> observed,
        Optional<Endpoint> mapped,
        Optional<Endpoint> ipv6,
        List<Endpoint> lanEndpoints,
        List<IpPrefix> lanPrefixes,
        NatKind natKind,
        Optional<Endpoint> relay) {

    public PeerView {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(mapped, "mapped");
        Objects.requireNonNull(ipv6, "ipv6");
        lanEndpoints = List.copyOf(lanEndpoints);
        lanPrefixes = List.copyOf(lanPrefixes);
        Objects.requireNonNull(natKind, "natKind");
        Objects.requireNonNull(relay, "relay");
    }
}
