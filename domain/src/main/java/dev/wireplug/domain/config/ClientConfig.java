package dev.wireplug.domain.config;

import java.util.List;
import java.util.Objects;

/** A whole wireplugd config file: WireGuard's two sections plus ours. */
public record ClientConfig(InterfaceSettings interfaceSettings, List<PeerSettings> peers, WireplugSettings wireplug) {
    public ClientConfig {
        Objects.requireNonNull(interfaceSettings, "interfaceSettings");
        peers = List.copyOf(peers);
        Objects.requireNonNull(wireplug, "wireplug");
    }
}
