package dev.wireplug.application.port.out;

import java.time.Instant;

/** Wall-clock time, injected so that expiry and staleness rules are testable. */
@FunctionalInterface
public interface Clock {
    Instant now();
}
