package dev.wireplug.adapters.nat.natpmp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * NAT-PMP (RFC 6886) messages, version 0, network byte order. Pure bytes in and out.
 * Every field is unsigned on the wire, so reads are masked.
 */
public final class NatPmpCodec {
    public static final int PORT = 5351;
    public static final int VERSION = 0;
    public static final int OP_EXTERNAL_ADDRESS = 0;
    public static final int OP_MAP_UDP = 1;
    public static final int OP_MAP_TCP = 2;
    public static final int OP_EXTERNAL_ADDRESS_REPLY = 128;
    public static final int RESULT_SUCCESS = 0;
    public static final int RESULT_UNSUPPORTED_VERSION = 1;
    public static final int RESULT_NOT_AUTHORIZED = 2;
    public static final int RESULT_NETWORK_FAILURE = 3;
    public static final int RESULT_OUT_OF_RESOURCES = 4;
    public static final int RESULT_UNSUPPORTED_OPCODE = 5;

    private NatPmpCodec() {}

    /** RFC 6886 3.2: version 0, opcode 0, nothing else. */
    public static byte[] externalAddressRequest() {
        return new byte[] {VERSION, OP_EXTERNAL_ADDRESS};
    }

    /**
     * RFC 6886 3.3: version, opcode (1 UDP, 2 TCP), 2 reserved, internal port, suggested external
     * port, lifetime in seconds. A delete is lifetime 0 and suggested port 0 (section 3.4).
     */
    public static byte[] mapRequest(int opcode, int internalPort, int suggestedExternalPort, long lifetimeSeconds) {
        if (opcode != OP_MAP_UDP && opcode != OP_MAP_TCP) {
            throw new IllegalArgumentException("map opcode must be 1 or 2, got " + opcode);
        }
        checkU16(internalPort, "internal port");
        checkU16(suggestedExternalPort, "suggested external port");
        if (internalPort == 0) {
            throw new IllegalArgumentException("internal port 0 would delete every mapping");
        }
        if (lifetimeSeconds < 0 || lifetimeSeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("lifetime " + lifetimeSeconds + " is not an unsigned 32-bit value");
        }
        return ByteBuffer.allocate(12)
                .put((byte) VERSION)
                .put((byte) opcode)
                .putShort((short) 0)
                .putShort((short) internalPort)
                .putShort((short) suggestedExternalPort)
                .putInt((int) lifetimeSeconds)
                .array();
    }

    public static NatPmpReply decode(byte[] data) throws NatPmpException {
        return decode(data, 0, data.length);
    }

    public static NatPmpReply decode(byte[] data, int offset, int length) throws NatPmpException {
        if (length < 8) {
            throw new NatPmpException("NAT-PMP reply of " + length + " bytes is shorter than its 8-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new NatPmpException("NAT-PMP reply with version " + version);
        }
        int opcode = b.get() & 0xFF;
        if (opcode < 128) {
            throw new NatPmpException("opcode " + opcode + " is a request, not a reply");
        }
        int result = b.getShort() & 0xFFFF;
        long epoch = b.getInt() & 0xFFFFFFFFL;
        switch (opcode) {
            case OP_EXTERNAL_ADDRESS_REPLY -> {
                if (length < 12) {
                    if (result == RESULT_SUCCESS) {
                        throw new NatPmpException("successful external address reply of " + length + " bytes");
                    }
                    return new NatPmpReply.ExternalAddress(result, epoch, Optional.empty());
                }
                byte[] a = new byte[4];
                b.get(a);
                return new NatPmpReply.ExternalAddress(result, epoch,
                        result == RESULT_SUCCESS ? Optional.of(ipv4(a)) : Optional.empty());
            }
            case OP_MAP_UDP + 128, OP_MAP_TCP + 128 -> {
                if (length < 16) {
                    if (result == RESULT_SUCCESS) {
                        throw new NatPmpException("successful mapping reply of " + length + " bytes");
                    }
                    return new NatPmpReply.Error(opcode, result, epoch);
                }
                int internal = b.getShort() & 0xFFFF;
                int external = b.getShort() & 0xFFFF;
                long lifetime = b.getInt() & 0xFFFFFFFFL;
                return new NatPmpReply.Mapping(opcode, result, epoch, internal, external, lifetime);
            }
            default -> {
                return new NatPmpReply.Error(opcode, result, epoch);
            }
        }
    }

    public static String describeResult(int code) {
        return switch (code) {
            case RESULT_SUCCESS -> "success";
            case RESULT_UNSUPPORTED_VERSION -> "unsupported version";
            case RESULT_NOT_AUTHORIZED -> "not authorized/refused";
            case RESULT_NETWORK_FAILURE -> "network failure";
            case RESULT_OUT_OF_RESOURCES -> "out of resources";
            case RESULT_UNSUPPORTED_OPCODE -> "unsupported opcode";
            default -> "result code " + code;
        };
    }

    private static Inet4Address ipv4(byte[] a) {
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }

    private static void checkU16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0-65535");
        }
    }
}
