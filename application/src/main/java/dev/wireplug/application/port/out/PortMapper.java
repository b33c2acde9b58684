package dev.wireplug.application.port.out;

import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.UnmapOutcome;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Asks the gateway to forward an external UDP port to our WireGuard port, by one protocol.
 * Every call is bounded by short timeouts (a gateway that does not speak the protocol costs
 * well under a second) and never throws for network reasons: the outcome says what happened.
 */
public interface PortMapper {
    MappingMethod method();

    /**
     * Requests a new mapping for {@code internalPort}. A grant carries the port the gateway chose,
     * which may differ from the one asked, and a lease token to hand back to {@link #renew} and
     * {@link #unmap} (PCP keeps its nonce there).
     */
    MappingOutcome map(InetAddress gateway, int internalPort, Duration lifetime);

    /** Renews (or re-creates after a gateway restart) a mapping this mapper granted. */
    MappingOutcome renew(MappingLease lease, Duration lifetime);

    /** Deletes a mapping this mapper granted. */
    UnmapOutcome unmap(MappingLease lease);
}
