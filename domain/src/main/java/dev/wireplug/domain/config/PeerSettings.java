package dev.wireplug.domain.config;

import dev.wireplug.domain.peer.Peer;
import java.util.Objects;

/** A {@code [Peer]} section and the line it starts on, so later checks can point at it. */
public record PeerSettings(Peer peer, int line) {
    public PeerSettings {
        Objects.requireNonNull(peer, "peer");
    }
}
