package dev.wireplug.domain.nat;

import dev.wireplug.domain.net.Ports;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A port the gateway opened for us. The external address is optional because real gateways
 * (and miniupnpd with a private WAN address) often report none or an empty one.
 */
public record PortMapping(
        MappingMethod method,
        int internalPort,
        Optional<InetAddress> externalAddress,
        int externalPort,
        Instant grantedAt,
        Duration lifetime) {

    public PortMapping {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(externalAddress, "externalAddress");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(lifetime, "lifetime");
        Ports.check(internalPort);
        Ports.check(externalPort);
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a mapping's lifetime must be positive, got " + lifetime);
        }
    }

    public Instant expiresAt() {
        return grantedAt.plus(lifetime);
    }

    /** Renew at half the lifetime, as RFC 6886 and RFC 6887 advise. */
    public Instant renewAt() {
        return grantedAt.plus(lifetime.dividedBy(2));
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt());
    }
}
