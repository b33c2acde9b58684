package dev.wireplug.domain.config;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.net.HostPort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [Wireplug]} section: our own settings, kept apart from WireGuard's.
 * An empty {@code portMapping} means "none".
 */
public record WireplugSettings(
        Optional<HostPort> coordinator,
        Optional<PublicKey> coordinatorKey,
        boolean natTraversal,
        List<MappingMethod> portMapping,
        boolean relay,
        WireGuardImplementation implementation) {

    public static final int DEFAULT_COORDINATOR_PORT = 3478;
    public static final List<MappingMethod> DEFAULT_PORT_MAPPING =
            List.of(MappingMethod.PCP, MappingMethod.NATPMP, MappingMethod.UPNP);

    public WireplugSettings {
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(coordinatorKey, "coordinatorKey");
        portMapping = List.copyOf(portMapping);
        Objects.requireNonNull(implementation, "implementation");
    }

    public static WireplugSettings defaults() {
        return new WireplugSettings(Optional.empty(), Optional.empty(), true, DEFAULT_PORT_MAPPING, true,
                WireGuardImplementation.AUTO);
    }
}
