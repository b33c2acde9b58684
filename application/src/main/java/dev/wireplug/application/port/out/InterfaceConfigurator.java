package dev.wireplug.application.port.out;

import dev.wireplug.domain.device.InterfaceSetup;

/** Sets up the network interface of a WireGuard device as wg-quick does: addresses, MTU, up, routes. */
public interface InterfaceConfigurator {
    /** A short name of the backend, for errors ("Linux rtnetlink"). */
    String backendName();

    /**
     * Adds the addresses (keeping any others), sets the MTU when given, brings the link up and
     * routes each prefix through the interface. Idempotent: applying the same setup twice is a
     * no-op the second time.
     */
    void configure(InterfaceSetup setup) throws DeviceException;
}
