package dev.wireplug.domain.nat;

import dev.wireplug.domain.net.Endpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * What probing the coordinator's STUN service from one local port found: the NAT's kind and the
 * public endpoint that port is mapped to (empty when no probe answered).
 */
public record NatObservation(NatKind kind, Optional<Endpoint> mapped) {
    public static final NatObservation UNKNOWN = new NatObservation(NatKind.UNKNOWN, Optional.empty());

    public NatObservation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mapped, "mapped");
    }
}
