package dev.wireplug.domain.relay;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the coordinator knows of one authenticated peer when a relay is asked for: its key, the
 * peers it lists, the public address it was seen at, how its NAT maps, and the verified port
 * mapping its gateway holds for it, if any.
 */
public record RelayCandidate(PublicKey key, Set<PublicKey> wants, InetAddress publicAddress, NatKind natKind,
        Optional<Endpoint> mapping) {
    public RelayCandidate {
        Objects.requireNonNull(key, "key");
        wants = Set.copyOf(wants);
        Objects.requireNonNull(publicAddress, "publicAddress");
        Objects.requireNonNull(natKind, "natKind");
        Objects.requireNonNull(mapping, "mapping");
    }

    public RelayPeer asRelayPeer() {
        return new RelayPeer(key, publicAddress);
    }
}
