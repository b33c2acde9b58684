package dev.wireplug.adapters.nat.pcp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PCP (RFC 6887) requests and replies: the 24-byte common header, MAP (36-byte body) and
 * ANNOUNCE (header only), options. Pure bytes in and out; unsigned fields are masked.
 */
public final class PcpCodec {
    public static final int PORT = 5351;
    public static final int VERSION = 2;
    public static final int OP_ANNOUNCE = 0;
    public static final int OP_MAP = 1;
    public static final int OP_PEER = 2;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    public static final int NONCE_LENGTH = 12;
    public static final int HEADER_LENGTH = 24;
    public static final int MAP_BODY_LENGTH = 36;
    public static final int MAX_MESSAGE = 1100;

    public static final int RESULT_SUCCESS = 0;
    public static final int RESULT_UNSUPP_VERSION = 1;
    public static final int RESULT_NOT_AUTHORIZED = 2;
    public static final int RESULT_MALFORMED_REQUEST = 3;
    public static final int RESULT_UNSUPP_OPCODE = 4;
    public static final int RESULT_UNSUPP_OPTION = 5;
    public static final int RESULT_MALFORMED_OPTION = 6;
    public static final int RESULT_NETWORK_FAILURE = 7;
    public static final int RESULT_NO_RESOURCES = 8;
    public static final int RESULT_UNSUPP_PROTOCOL = 9;
    public static final int RESULT_USER_EX_QUOTA = 10;
    public static final int RESULT_CANNOT_PROVIDE_EXTERNAL = 11;
    public static final int RESULT_ADDRESS_MISMATCH = 12;
    public static final int RESULT_EXCESSIVE_REMOTE_PEERS = 13;

    private static final String[] RESULT_NAMES = {
        "SUCCESS", "UNSUPP_VERSION", "NOT_AUTHORIZED", "MALFORMED_REQUEST", "UNSUPP_OPCODE", "UNSUPP_OPTION",
        "MALFORMED_OPTION", "NETWORK_FAILURE", "NO_RESOURCES", "UNSUPP_PROTOCOL", "USER_EX_QUOTA",
        "CANNOT_PROVIDE_EXTERNAL", "ADDRESS_MISMATCH", "EXCESSIVE_REMOTE_PEERS"
    };

    private PcpCodec() {}

    /** ANNOUNCE request: the common header with opcode 0 and lifetime 0 (RFC 6887 14.1). */
    public static byte[] announceRequest(byte[] clientIp16) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
        header(b, OP_ANNOUNCE, 0, clientIp16);
        return b.array();
    }

    /**
     * MAP request (RFC 6887 11.1). {@code lifetimeSeconds} 0 with the mapping's nonce, protocol and
     * internal port deletes it (section 15).
     */
    public static byte[] mapRequest(byte[] clientIp16, long lifetimeSeconds, byte[] nonce, int protocol,
            int internalPort, int suggestedExternalPort, byte[] suggestedExternalIp16, List<PcpOption> options) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("the MAP nonce is 12 bytes, got " + nonce.length);
        }
        if (suggestedExternalIp16.length != 16) {
            throw new IllegalArgumentException("suggested external address must be 16 bytes");
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol " + protocol);
        }
        if (internalPort < 1 || internalPort > 0xFFFF || suggestedExternalPort < 0 || suggestedExternalPort > 0xFFFF) {
            throw new IllegalArgumentException("ports must be 1-65535 (internal) and 0-65535 (suggested)");
        }
        int size = HEADER_LENGTH + MAP_BODY_LENGTH;
        for (PcpOption o : options) {
            size += o.encodedLength();
        }
        if (size > MAX_MESSAGE) {
            throw new IllegalArgumentException("PCP request of " + size + " bytes exceeds 1100");
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        header(b, OP_MAP, lifetimeSeconds, clientIp16);
        b.put(nonce);
        b.put((byte) protocol);
        b.put(new byte[3]);
        b.putShort((short) internalPort);
        b.putShort((short) suggestedExternalPort);
        b.put(suggestedExternalIp16);
        for (PcpOption o : options) {
            byte[] data = o.data();
            b.put((byte) o.code()).put((byte) 0).putShort((short) data.length).put(data);
            b.put(new byte[PcpOption.padded(data.length) - data.length]);
        }
        return b.array();
    }

    private static void header(ByteBuffer b, int opcode, long lifetimeSeconds, byte[] clientIp16) {
        if (clientIp16.length != 16) {
            throw new IllegalArgumentException("client address must be 16 bytes");
        }
        if (lifetimeSeconds < 0 || lifetimeSeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("lifetime " + lifetimeSeconds + " is not an unsigned 32-bit value");
        }
        b.put((byte) VERSION).put((byte) opcode).putShort((short) 0).putInt((int) lifetimeSeconds).put(clientIp16);
    }

    public static PcpResponse decode(byte[] data) throws PcpException {
        return decode(data, 0, data.length);
    }

    public static PcpResponse decode(byte[] data, int offset, int length) throws PcpException {
        if (length >= 4 && data[offset] == 0) {
            // A NAT-PMP gateway answers a version-2 request with its own layout (RFC 6886 3.5):
            // version 0, opcode + 128, u16 result code.
            int result = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
            return new PcpResponse.NatPmpOnly(result);
        }
        if (length < HEADER_LENGTH) {
            throw new PcpException("PCP reply of " + length + " bytes is shorter than the 24-byte header");
        }
        if (length > MAX_MESSAGE || length % 4 != 0) {
            throw new PcpException("PCP reply of " + length + " bytes (must be a multiple of 4, at most 1100)");
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new PcpException("PCP reply with version " + version);
        }
        int rOp = b.get() & 0xFF;
        if ((rOp & 0x80) == 0) {
            throw new PcpException("R bit clear: a request, not a reply");
        }
        int opcode = rOp & 0x7F;
        b.get();
        int result = b.get() & 0xFF;
        long lifetime = b.getInt() & 0xFFFFFFFFL;
        long epoch = b.getInt() & 0xFFFFFFFFL;
        b.position(b.position() + 12);
        Optional<PcpResponse.MapBody> map = Optional.empty();
        if (opcode == OP_MAP) {
            if (b.remaining() < MAP_BODY_LENGTH) {
                if (result == RESULT_SUCCESS) {
                    throw new PcpException("successful MAP reply without its 36-byte body");
                }
            } else {
                byte[] nonce = new byte[NONCE_LENGTH];
                b.get(nonce);
                int protocol = b.get() & 0xFF;
                b.position(b.position() + 3);
                int internal = b.getShort() & 0xFFFF;
                int external = b.getShort() & 0xFFFF;
                byte[] address = new byte[16];
                b.get(address);
                map = Optional.of(new PcpResponse.MapBody(
                        nonce, protocol, internal, external, PcpAddresses.fromBytes16(address)));
            }
        }
        List<PcpOption> options = new ArrayList<>();
        while (b.remaining() > 0) {
            if (b.remaining() < 4) {
                throw new PcpException("truncated option header");
            }
            int code = b.get() & 0xFF;
            b.get();
            int len = b.getShort() & 0xFFFF;
            if (code == 0 && len == 0) {
                // Zero padding after the body, as some servers send; nothing more can follow.
                while (b.hasRemaining()) {
                    if (b.get() != 0) {
                        throw new PcpException("non-zero bytes after padding");
                    }
                }
                break;
            }
            int padded = PcpOption.padded(len);
            if (b.remaining() < padded) {
                throw new PcpException("option " + code + " of " + len + " bytes runs past the datagram");
            }
            byte[] optData = new byte[len];
            b.get(optData);
            b.position(b.position() + padded - len);
            options.add(new PcpOption(code, optData));
        }
        return new PcpResponse.Reply(opcode, result, lifetime, epoch, map, options);
    }

    public static String describeResult(int code) {
        return code >= 0 && code < RESULT_NAMES.length ? RESULT_NAMES[code] : "result code " + code;
    }
}
