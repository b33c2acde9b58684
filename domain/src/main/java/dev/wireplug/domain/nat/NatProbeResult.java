package dev.wireplug.domain.nat;

import dev.wireplug.domain.net.Endpoint;
import java.util.Objects;
import java.util.Optional;

/** What the STUN probes found: the behaviour and the public endpoint the primary server saw. */
public record NatProbeResult(MappingBehaviour behaviour, Optional<Endpoint> mapped) {
    public NatProbeResult {
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(mapped, "mapped");
    }

    public NatKind natKind() {
        return behaviour.natKind();
    }
}
