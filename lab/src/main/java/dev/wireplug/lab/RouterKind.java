package dev.wireplug.lab;

/**
 * What a lab router does to traffic leaving its LAN. A test-tool concept: the daemon's own view of
 * NAT behaviour is {@code dev.wireplug.domain.nat.NatKind}; these are the gateways we emulate.
 */
public enum RouterKind {
    /** Plain routing: hosts behind it have public addresses (198.19.N.0/24). */
    NO_NAT("no NAT (public addresses)"),
    /** {@code masquerade}: endpoint-independent mapping that keeps the source port when free. */
    EIM_PORT_PRESERVING("endpoint-independent NAT, port preserved"),
    /** {@code snat to WAN:port+10000} for each host's WireGuard port: endpoint-independent, other port. */
    FIXED_OTHER_PORT("endpoint-independent NAT, fixed other port"),
    /** {@code masquerade fully-random}: a new random port per destination (hole punching fails). */
    DESTINATION_DEPENDENT("destination-dependent NAT (random port per destination)");

    /** How far FIXED_OTHER_PORT moves a host's WireGuard port on the WAN side. */
    public static final int FIXED_PORT_OFFSET = 10000;

    private final String description;

    RouterKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean translates() {
        return this != NO_NAT;
    }
}
