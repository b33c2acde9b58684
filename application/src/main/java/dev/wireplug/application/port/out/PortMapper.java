package dev.wireplug.application.port.out;

import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.PortMapping;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/** Asks the gateway to forward an external port to our WireGuard port, by one protocol. */
public interface PortMapper {
    MappingMethod method();

    /**
     * Requests (or renews) a mapping for {@code internalPort}; empty when the gateway does not
     * speak this protocol or refused. The granted port may differ from the one asked.
     */
    Optional<PortMapping> map(InetAddress gateway, int internalPort, Duration lifetime);

    /** Removes a mapping this mapper made. */
    void unmap(InetAddress gateway, PortMapping mapping);
}
