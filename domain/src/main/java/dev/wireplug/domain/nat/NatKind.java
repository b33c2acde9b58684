package dev.wireplug.domain.nat;

/** How a host's NAT (if any) maps its WireGuard port, as the coordinator's probes see it. */
public enum NatKind {
    /** Not probed yet, or the probes did not answer. */
    UNKNOWN,
    /** The host's own address is public: what it sends leaves with its own address and port. */
    NO_MAPPING,
    /** Endpoint-independent mapping: one external address and port for every destination,
     *  maybe not the port the host used. Hole punching works. */
    FIXED_MAPPING,
    /** A new external port per destination ("hard" NAT): hole punching fails, so a port mapping
     *  on the gateway or a relay is needed. */
    DESTINATION_DEPENDENT;

    /** Whether a peer can reach this host at the address and port the coordinator observed. */
    public boolean allowsDirectFromObserved() {
        return this == NO_MAPPING || this == FIXED_MAPPING;
    }
}
