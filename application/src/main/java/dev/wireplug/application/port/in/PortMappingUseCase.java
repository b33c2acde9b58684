package dev.wireplug.application.port.in;

import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.policy.MappingStatus;
import java.net.InetAddress;

/** Keeps a port mapping on the gateway for the WireGuard port while the daemon runs. */
public interface PortMappingUseCase {
    /** The host is on a network: look for a mapping (no-op while one is held). */
    void start();

    void networkChanged();

    /** The host is about to leave the network: delete the mapping while the gateway is reachable. */
    void leftNetwork();

    void addressObserved(InetAddress publicAddress);

    void verificationAnswered(int externalPort, boolean reached);

    /** An epoch announced by a gateway (GatewayAnnouncements): a reset makes us map again. */
    void epochObserved(InetAddress gateway, MappingMethod method, long epochSeconds);

    MappingStatus status();

    /** Deletes the mapping (waiting for the gateway's answer, bounded) and stops. */
    void shutdown();
}
