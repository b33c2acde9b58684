package dev.wireplug.domain.peer;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A WireGuard peer as configured: its key, what it may send from, and optionally where it is. */
public record Peer(
        PublicKey publicKey,
        List<IpPrefix> allowedIps,
        Optional<Endpoint> endpoint,
        Optional<Duration> persistentKeepalive) {

    public static final Duration MAX_KEEPALIVE = Duration.ofSeconds(65535);

    public Peer {
        Objects.requireNonNull(publicKey, "publicKey");
        allowedIps = List.copyOf(allowedIps);
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(persistentKeepalive, "persistentKeepalive");
        persistentKeepalive.ifPresent(keepalive -> {
            if (keepalive.isNegative() || keepalive.compareTo(MAX_KEEPALIVE) > 0) {
                throw new IllegalArgumentException("PersistentKeepalive must be 0-65535 seconds");
            }
        });
    }
}
