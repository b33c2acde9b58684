package dev.wireplug.application.port.out;

import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;

/** Learns how the NAT in front of us maps a local UDP port (RFC 5780 behaviour discovery). */
public interface NatProber {
    /**
     * Sends the mapping tests from {@code localPort} (0 = any) to a STUN server that offers an
     * alternate address. Bounded in time; never throws for network reasons (UNKNOWN instead).
     */
    NatProbeResult probe(int localPort, Endpoint server);
}
