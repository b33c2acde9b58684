package dev.wireplug.domain.device;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One peer's part of a device change. Absent optionals leave the device's value alone;
 * {@code allowedIps} replaces the peer's list only when present.
 */
public record PeerChange(
        PublicKey publicKey,
        boolean remove,
        boolean updateOnly,
        Optional<Endpoint> endpoint,
        Optional<Duration> persistentKeepalive,
        Optional<List<IpPrefix>> allowedIps) {

    public PeerChange {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive");
        allowedIps = allowedIps.map(List::copyOf);
        if (remove && (endpoint.isPresent() || persistentKeepalive.isPresent() || allowedIps.isPresent())) {
            throw new IllegalArgumentException("a removed peer takes no other settings");
        }
    }

    public static PeerChange removal(PublicKey key) {
        return new PeerChange(key, true, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Moves an existing peer to a new endpoint and touches nothing else (never creates a peer). */
    public static PeerChange endpointOnly(PublicKey key, Endpoint endpoint) {
        return new PeerChange(key, false, true, Optional.of(endpoint), Optional.empty(), Optional.empty());
    }
}
