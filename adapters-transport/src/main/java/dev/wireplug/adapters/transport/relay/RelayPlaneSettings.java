package dev.wireplug.adapters.transport.relay;

import dev.wireplug.domain.relay.RelayLimits;
import java.net.InetAddress;
import java.util.Objects;

/**
 * How the coordinator relays: which data plane, the local address relay ports are bound to, the
 * limits for the whole relay and the number of event loops. The nftables plane needs a concrete
 * bind address (its SNAT rewrites to it); the Netty plane may use the wildcard.
 */
public record RelayPlaneSettings(Kind kind, InetAddress bindAddress, RelayLimits globalLimits, int threads) {

    /** Which data plane; config chooses, Netty is the default. */
    public enum Kind { NETTY, NFTABLES }

    public RelayPlaneSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(globalLimits, "globalLimits");
        if (threads < 1) {
            throw new IllegalArgumentException("a relay needs at least one event loop, got " + threads);
        }
        if (kind == Kind.NFTABLES && bindAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the nftables relay needs a concrete bind address to rewrite sources to");
        }
    }
}
