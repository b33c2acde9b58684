package dev.wireplug.domain.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pair asking for a relay. {@code directFailingSince} is when the daemons first reported that
 * direct attempts between them gave no handshake, empty when none failed (or none were tried).
 */
public record RelayRequest(RelayCandidate a, RelayCandidate b, Optional<Instant> directFailingSince) {
    public RelayRequest {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(directFailingSince, "directFailingSince");
    }
}
