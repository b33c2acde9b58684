package dev.wireplug.domain.device;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A peer as the WireGuard device reports it right now. */
public record PeerState(
        PublicKey publicKey,
        Optional<Endpoint> endpoint,
        List<IpPrefix> allowedIps,
        Optional<Duration> persistentKeepalive,
        Optional<Instant> lastHandshake,
        long rxBytes,
        long txBytes) {

    public PeerState {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(endpoint, "endpoint");
        allowedIps = List.copyOf(allowedIps);
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive");
        Objects.requireNonNull(lastHandshake, "lastHandshake");
        if (rxBytes < 0 || txBytes < 0) {
            throw new IllegalArgumentException("byte counters cannot be negative");
        }
    }
}
