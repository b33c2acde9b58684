package dev.wireplug.application.port.out;

import dev.wireplug.domain.nat.NatObservation;
import dev.wireplug.domain.net.Endpoint;

/**
 * Learns the NAT's behaviour and mapping for one local UDP port by STUN (RFC 8489 Binding and
 * RFC 5780 behaviour discovery) against the coordinator, the only server we talk to.
 */
public interface NatProbe {
    /**
     * Probes from {@code localPort}, which must be free (the daemon probes a port before handing
     * it to WireGuard, so the mapping found is the one WireGuard's traffic will use).
     * Gives {@link NatObservation#UNKNOWN} when nothing answers within about a second.
     */
    NatObservation probe(int localPort, Endpoint stunServer);
}
