package dev.wireplug.domain.device;

import dev.wireplug.domain.key.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A WireGuard device as read from the platform: its identity, port, mark and peers. */
public record DeviceState(Optional<PublicKey> publicKey, int listenPort, int fwmark, List<PeerState> peers) {
    public DeviceState {
        Objects.requireNonNull(publicKey, "publicKey");
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port " + listenPort + " is outside 0-65535");
        }
        peers = List.copyOf(peers);
    }

    public Optional<PeerState> peer(PublicKey key) {
        return peers.stream().filter(p -> p.publicKey().equals(key)).findFirst();
    }
}
