package dev.wireplug.adapters.nat.natpmp;

import java.net.Inet4Address;
import java.util.Optional;

/** A decoded NAT-PMP reply (RFC 6886 section 3.2 and 3.3). */
public sealed interface NatPmpReply {
    int opcode();

    int resultCode();

    /** Seconds since the gateway's port-mapping table was (re)initialised, unsigned 32 bit. */
    long epochSeconds();

    default boolean isSuccess() {
        return resultCode() == NatPmpCodec.RESULT_SUCCESS;
    }

    /** Opcode 128. The address is empty when the result is an error (the reply may be 8 bytes). */
    record ExternalAddress(int resultCode, long epochSeconds, Optional<Inet4Address> address) implements NatPmpReply {
        @Override
        public int opcode() {
            return NatPmpCodec.OP_EXTERNAL_ADDRESS_REPLY;
        }
    }

    /** Opcode 129 (UDP) or 130 (TCP). */
    record Mapping(int opcode, int resultCode, long epochSeconds, int internalPort, int externalPort,
            long lifetimeSeconds) implements NatPmpReply {}

    /** An error reply too short to carry the opcode's fields (RFC 6886 3.5: version/opcode errors). */
    record Error(int opcode, int resultCode, long epochSeconds) implements NatPmpReply {}
}
