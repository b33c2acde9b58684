package dev.wireplug.domain.endpoint;

import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * Which public endpoint we announce as our "mapped endpoint" (the one peers aim at before the
 * observed address): the port a gateway mapping opened, or the mapping a STUN probe from the
 * WireGuard port saw.
 *
 * <p>Behind a destination-dependent NAT the STUN mapping is useless to peers (each destination
 * gets another port) and only a gateway mapping lets them in. Behind an endpoint-independent NAT
 * both work, and the STUN mapping is what our WireGuard packets really leave from, so peers'
 * WireGuard sees the same endpoint it is told and does not flip between two. With a public
 * address there is nothing to map: the observed address is the way in.
 */
public final class AnnouncedEndpoint {
    private AnnouncedEndpoint() {}

    /**
     * @param stunMapped what a STUN probe from the WireGuard port saw, if anything
     * @param gatewayMapped the external endpoint of a gateway mapping we hold and rely on (trusted
     *     or verified: a double NAT's mapping must not be passed here)
     */
    public static Optional<Endpoint> choose(NatKind kind, Optional<Endpoint> stunMapped, Optional<Endpoint> gatewayMapped) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stunMapped, "stunMapped");
        Objects.requireNonNull(gatewayMapped, "gatewayMapped");
        return switch (kind) {
            case NO_MAPPING, FIXED_MAPPING -> stunMapped.or(() -> gatewayMapped);
            // UNKNOWN: the probe did not answer; a mapping the gateway granted is the best we know.
            case DESTINATION_DEPENDENT, UNKNOWN -> gatewayMapped;
        };
    }
}
