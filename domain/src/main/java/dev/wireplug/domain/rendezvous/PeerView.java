package dev.wireplug.domain.rendezvous;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.Ports;
import java.util.Objects;
import java.util.Optional;

/**
 * What the coordinator tells one peer about another: the other's key, where the coordinator saw
 * it, its WireGuard port and NAT kind, its STUN-mapped endpoint when known, the hint it sealed for
 * this recipient, and a relay when there is one.
 */
public record PeerView(
        PublicKey peer,
        Endpoint observed,
        int wireGuardPort,
        NatKind natKind,
        Optional<Endpoint> mapped,
        SealedHint hint,
        Optional<Endpoint> relay) {

    public PeerView {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(observed, "observed");
        Ports.check(wireGuardPort);
        Objects.requireNonNull(natKind, "natKind");
        Objects.requireNonNull(mapped, "mapped");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(relay, "relay");
    }
}
