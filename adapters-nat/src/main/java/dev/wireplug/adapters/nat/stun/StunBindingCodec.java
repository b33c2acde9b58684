package dev.wireplug.adapters.nat.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The client's half of STUN (RFC 8489): Binding requests out, Binding success responses in.
 * Written by hand because it is two message types and four attributes; the libraries on Maven
 * Central that do STUN are whole ICE stacks.
 */
final class StunBindingCodec {
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int MAPPED_ADDRESS = 0x0001;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int RESPONSE_ORIGIN = 0x802B;
    static final int OTHER_ADDRESS = 0x802C;
    static final int HEADER_LENGTH = 20;

    /** A Binding success response: where the server saw us, and its alternate address if any. */
    record BindingResponse(InetSocketAddress mapped, Optional<InetSocketAddress> otherAddress) {}

    private StunBindingCodec() {}

    static byte[] bindingRequest(byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("a STUN transaction id is 12 bytes");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH);
        out.putShort((short) BINDING_REQUEST).putShort((short) 0).putInt(MAGIC_COOKIE).put(transactionId);
        return out.array();
    }

    /**
     * Decodes a Binding success response to the request with {@code transactionId}; anything else
     * (another transaction, an error response, a malformed message) is a {@link StunException}.
     */
    static BindingResponse decode(byte[] datagram, int length, byte[] transactionId) throws StunException {
        if (length < HEADER_LENGTH) {
            throw new StunException("shorter than a STUN header");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, 0, length);
        int type = in.getShort() & 0xffff;
        int bodyLength = in.getShort() & 0xffff;
        int cookie = in.getInt();
        byte[] id = new byte[12];
        in.get(id);
        if (type != BINDING_SUCCESS) {
            throw new StunException("not a Binding success response (type 0x" + Integer.toHexString(type) + ")");
        }
        if (cookie != MAGIC_COOKIE || !Arrays.equals(id, transactionId)) {
            throw new StunException("not an answer to our request");
        }
        if (bodyLength % 4 != 0 || HEADER_LENGTH + bodyLength > length) {
            throw new StunException("bad message length " + bodyLength);
        }
        InetSocketAddress xorMapped = null;
        InetSocketAddress mapped = null;
        InetSocketAddress other = null;
        int end = HEADER_LENGTH + bodyLength;
        while (in.position() + 4 <= end) {
            int attribute = in.getShort() & 0xffff;
            int attributeLength = in.getShort() & 0xffff;
            if (in.position() + attributeLength > end) {
                throw new StunException("attribute 0x" + Integer.toHexString(attribute) + " runs past the message");
            }
            byte[] value = new byte[attributeLength];
            in.get(value);
            in.position(Math.min(end, in.position() + (4 - attributeLength % 4) % 4));
            switch (attribute) {
                case XOR_MAPPED_ADDRESS -> xorMapped = address(value, true, transactionId);
                case MAPPED_ADDRESS -> mapped = address(value, false, transactionId);
                case OTHER_ADDRESS -> other = address(value, false, transactionId);
                default -> {
                    // Comprehension-optional or irrelevant to a Binding client (SOFTWARE, FINGERPRINT...).
                }
            }
        }
        InetSocketAddress result = xorMapped != null ? xorMapped : mapped;
        if (result == null) {
            throw new StunException("no (XOR-)MAPPED-ADDRESS in the response");
        }
        return new BindingResponse(result, Optional.ofNullable(other));
    }

    private static InetSocketAddress address(byte[] value, boolean xor, byte[] transactionId) throws StunException {
        if (value.length < 4) {
            throw new StunException("address attribute too short");
        }
        int family = value[1] & 0xff;
        int port = ((value[2] & 0xff) << 8) | (value[3] & 0xff);
        int addressLength = family == 0x01 ? 4 : family == 0x02 ? 16 : -1;
        if (addressLength < 0 || value.length != 4 + addressLength) {
            throw new StunException("bad address family " + family + " or length " + value.length);
        }
        byte[] address = Arrays.copyOfRange(value, 4, 4 + addressLength);
        if (xor) {
            port ^= MAGIC_COOKIE >>> 16;
            byte[] key = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
            for (int i = 0; i < address.length; i++) {
                address[i] ^= key[i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new StunException("bad address");
        }
    }
}
