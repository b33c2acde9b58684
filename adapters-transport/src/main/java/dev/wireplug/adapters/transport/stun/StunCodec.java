package dev.wireplug.adapters.transport.stun;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The server half of STUN Binding (RFC 8489), with RFC 5780's CHANGE-REQUEST, RESPONSE-ORIGIN and
 * OTHER-ADDRESS, and answers an RFC 3489 client understands (MAPPED-ADDRESS, SOURCE-ADDRESS,
 * CHANGED-ADDRESS, no magic cookie). No authentication: a Binding answer reveals only what the
 * asker already sent us.
 */
public final class StunCodec {
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;

    static final int MAPPED_ADDRESS = 0x0001;
    static final int CHANGE_REQUEST = 0x0003;
    static final int SOURCE_ADDRESS = 0x0004;
    static final int CHANGED_ADDRESS = 0x0005;
    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int UNKNOWN_ATTRIBUTES = 0x000A;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PADDING = 0x0026;
    static final int RESPONSE_ORIGIN = 0x802B;
    static final int OTHER_ADDRESS = 0x802C;
    static final int FINGERPRINT = 0x8028;
    static final int FINGERPRINT_XOR = 0x5354554e;

    private static final int HEADER = 20;
    private static final int MAX_REQUEST = 1200;

    private StunCodec() {}

    /** A Binding request, checked: sizes, attribute framing, FINGERPRINT last and correct. */
    public static StunRequest parseRequest(byte[] datagram) throws StunFormatException {
        if (datagram.length < HEADER || datagram.length > MAX_REQUEST) {
            throw new StunFormatException("a STUN message is 20 to " + MAX_REQUEST + " bytes");
        }
        if ((datagram[0] & 0xc0) != 0) {
            throw new StunFormatException("the first two bits of STUN are zero");
        }
        int type = u16(datagram, 0);
        int length = u16(datagram, 2);
        if (type != BINDING_REQUEST) {
            throw new StunFormatException(String.format("not a Binding request (type 0x%04x)", type));
        }
        if (length % 4 != 0 || length != datagram.length - HEADER) {
            throw new StunFormatException("length field " + length + " does not match " + (datagram.length - HEADER));
        }
        boolean classic = u32(datagram, 4) != MAGIC_COOKIE;
        byte[] transactionId = classic ? Arrays.copyOfRange(datagram, 4, 20) : Arrays.copyOfRange(datagram, 8, 20);
        boolean changeIp = false;
        boolean changePort = false;
        boolean fingerprint = false;
        List<Integer> unknown = new ArrayList<>();
        int at = HEADER;
        while (at < datagram.length) {
            if (fingerprint) {
                throw new StunFormatException("FINGERPRINT must be the last attribute");
            }
            if (datagram.length - at < 4) {
                throw new StunFormatException("truncated attribute header");
            }
            int attribute = u16(datagram, at);
            int valueLength = u16(datagram, at + 2);
            int padded = (valueLength + 3) & ~3;
            if (datagram.length - at - 4 < padded) {
                throw new StunFormatException("attribute 0x" + Integer.toHexString(attribute) + " overruns the message");
            }
            int value = at + 4;
            switch (attribute) {
                case CHANGE_REQUEST -> {
                    if (valueLength != 4) {
                        throw new StunFormatException("CHANGE-REQUEST is 4 bytes");
                    }
                    int flags = u32(datagram, value);
                    changeIp = (flags & 0x4) != 0;
                    changePort = (flags & 0x2) != 0;
                }
                case FINGERPRINT -> {
                    if (valueLength != 4 || classic) {
                        throw new StunFormatException("bad FINGERPRINT");
                    }
                    if (u32(datagram, value) != crc(datagram, at)) {
                        throw new StunFormatException("FINGERPRINT does not match");
                    }
                    fingerprint = true;
                }
                case USERNAME, MESSAGE_INTEGRITY, PADDING -> {
                    // Understood and ignored: Binding needs no credentials, padding is padding.
                }
                default -> {
                    if (attribute < 0x8000) {
                        unknown.add(attribute);
                    }
                }
            }
            at = value + padded;
        }
        return new StunRequest(transactionId, classic, changeIp, changePort, fingerprint, unknown);
    }

    /**
     * The success response.
     *
     * @param mapped the request's source address and port
     * @param origin the local address the response leaves from (omitted when it is a wildcard)
     * @param other RFC 5780's alternate address and port, when configured
     */
    public static byte[] success(StunRequest request, InetSocketAddress mapped, InetSocketAddress origin,
            java.util.Optional<InetSocketAddress> other) {
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        if (request.classic()) {
            attribute(attributes, MAPPED_ADDRESS, address(mapped, null));
            if (!origin.getAddress().isAnyLocalAddress()) {
                attribute(attributes, SOURCE_ADDRESS, address(origin, null));
            }
            other.ifPresent(o -> attribute(attributes, CHANGED_ADDRESS, address(o, null)));
        } else {
            byte[] cookieAndId = cookieAndId(request);
            attribute(attributes, XOR_MAPPED_ADDRESS, address(mapped, cookieAndId));
            attribute(attributes, MAPPED_ADDRESS, address(mapped, null));
            if (!origin.getAddress().isAnyLocalAddress()) {
                attribute(attributes, RESPONSE_ORIGIN, address(origin, null));
            }
            other.ifPresent(o -> attribute(attributes, OTHER_ADDRESS, address(o, null)));
        }
        return message(BINDING_SUCCESS, request, attributes.toByteArray());
    }

    /** An error response: 420 with UNKNOWN-ATTRIBUTES, or another code with its reason. */
    public static byte[] error(StunRequest request, int code, String reason, List<Integer> unknownAttributes) {
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + text.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(text, 0, value, 4, text.length);
        attribute(attributes, ERROR_CODE, value);
        if (!unknownAttributes.isEmpty()) {
            byte[] list = new byte[2 * unknownAttributes.size()];
            for (int i = 0; i < unknownAttributes.size(); i++) {
                list[2 * i] = (byte) (unknownAttributes.get(i) >>> 8);
                list[2 * i + 1] = (byte) (int) unknownAttributes.get(i);
            }
            attribute(attributes, UNKNOWN_ATTRIBUTES, list);
        }
        return message(BINDING_ERROR, request, attributes.toByteArray());
    }

    private static byte[] message(int type, StunRequest request, byte[] attributes) {
        boolean fingerprint = request.fingerprint() && !request.classic();
        int length = attributes.length + (fingerprint ? 8 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type >>> 8);
        out.write(type);
        out.write(length >>> 8);
        out.write(length);
        if (!request.classic()) {
            out.writeBytes(new byte[] {0x21, 0x12, (byte) 0xa4, 0x42});
        }
        out.writeBytes(request.transactionId());
        out.writeBytes(attributes);
        if (fingerprint) {
            byte[] partial = out.toByteArray();
            int crc = crc(partial, partial.length);
            out.writeBytes(new byte[] {(byte) 0x80, 0x28, 0, 4,
                (byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc});
        }
        return out.toByteArray();
    }

    /** CRC-32 of the message before {@code end}, XOR 0x5354554e (RFC 8489 section 14.7). */
    static int crc(byte[] message, int end) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, end);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    /** A (XOR-)MAPPED-ADDRESS style value; {@code xor} is the cookie and transaction ID, or null. */
    static byte[] address(InetSocketAddress address, byte[] xor) {
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (address.getAddress() instanceof Inet4Address ? 0x01 : 0x02);
        int port = address.getPort();
        if (xor != null) {
            port ^= 0x2112;
            for (int i = 0; i < ip.length; i++) {
                ip[i] ^= xor[i];
            }
        }
        value[2] = (byte) (port >>> 8);
        value[3] = (byte) port;
        System.arraycopy(ip, 0, value, 4, ip.length);
        return value;
    }

    private static byte[] cookieAndId(StunRequest request) {
        byte[] out = new byte[16];
        out[0] = 0x21;
        out[1] = 0x12;
        out[2] = (byte) 0xa4;
        out[3] = 0x42;
        System.arraycopy(request.transactionId(), 0, out, 4, 12);
        return out;
    }

    private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type >>> 8);
        out.write(type);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
        out.writeBytes(new byte[(4 - value.length % 4) % 4]);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u32(byte[] b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }
}
