package dev.wireplug.domain.nat.policy;

import dev.wireplug.domain.nat.MappingMethod;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Knobs of the port-mapping policy.
 *
 * @param preference methods in the order the user prefers them (default pcp, natpmp, upnp)
 * @param requestedLifetime lease to ask for (7200 s, as RFC 6886 advises)
 * @param minRetry shortest wait after a refusal, whatever the gateway hints
 * @param retryUnavailable wait before asking again a network where nothing answered
 * @param maxRemapJitter upper bound of the random wait before re-mapping after a gateway
 *     restart (RFC 6887 section 8.5: 0-5 s, so rebooted gateways are not flooded)
 */
public record PolicySettings(List<MappingMethod> preference, Duration requestedLifetime, Duration minRetry,
        Duration retryUnavailable, Duration maxRemapJitter) {
    public PolicySettings {
        preference = List.copyOf(preference);
        if (preference.stream().distinct().count() != preference.size()) {
            throw new IllegalArgumentException("a method is listed twice: " + preference);
        }
        for (Duration d : List.of(requestedLifetime, minRetry, retryUnavailable)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
        Objects.requireNonNull(maxRemapJitter, "maxRemapJitter");
        if (maxRemapJitter.isNegative()) {
            throw new IllegalArgumentException("negative jitter");
        }
    }

    public static PolicySettings defaults(List<MappingMethod> preference) {
        return new PolicySettings(preference, Duration.ofSeconds(7200), Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofSeconds(5));
    }
}
