package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a coordinator which static key it holds. The answer is unauthenticated: trusting it is the
 * caller's decision (trust on first use), never this port's.
 */
public interface CoordinatorKeyProbe {
    /** The key the coordinator says it holds, or empty when no answer came within the time. */
    Optional<PublicKey> ask(Endpoint coordinator, Duration timeout);
}
