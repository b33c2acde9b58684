package dev.wireplug.domain.nat;

/** NAT mapping behaviour as RFC 5780 section 4.3 tests it, plus the cases where tests fell short. */
public enum MappingBehaviour {
    /** The mapped address is one of our own: no NAT on the path. */
    NO_NAT,
    ENDPOINT_INDEPENDENT,
    ADDRESS_DEPENDENT,
    ADDRESS_AND_PORT_DEPENDENT,
    /** The mapping changed with the destination address; the third test got no answer. */
    DEPENDENT_UNRESOLVED,
    /** Behind a NAT, but the server offered no alternate address to test against. */
    UNTESTED,
    /** The primary server did not answer. */
    UNKNOWN;

    public NatKind natKind() {
        return switch (this) {
            case NO_NAT -> NatKind.NO_MAPPING;
            case ENDPOINT_INDEPENDENT -> NatKind.FIXED_MAPPING;
            case ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT, DEPENDENT_UNRESOLVED -> NatKind.DESTINATION_DEPENDENT;
            case UNTESTED, UNKNOWN -> NatKind.UNKNOWN;
        };
    }
}
