package dev.wireplug.domain.nat.policy;

/** How far a granted mapping can be relied on for peers to reach us. */
public enum MappingTrust {
    /** The gateway's external address is the one the coordinator sees, or a probe got through. */
    TRUSTED,
    /** The gateway reported no usable external address: probe the mapping before relying on it. */
    UNVERIFIED,
    /** The gateway's external address differs from the observed one: another NAT sits above it. */
    DOUBLE_NAT,
    /** A probe from outside to the mapped port did not arrive. */
    UNREACHABLE;

    public boolean usable() {
        return this == TRUSTED;
    }
}
