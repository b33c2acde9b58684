package dev.wireplug.adapters.nat.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * STUN (RFC 8489) Binding requests and responses, with the RFC 5780 attributes for behaviour
 * discovery. Client side only; the server lives in adapters-transport.
 */
public final class StunCodec {
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;

    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int CHANGE_REQUEST = 0x0003;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int RESPONSE_ORIGIN = 0x802B;
    public static final int OTHER_ADDRESS = 0x802C;
    public static final int CHANGE_IP = 0x04;
    public static final int CHANGE_PORT = 0x02;
    static final int FINGERPRINT_XOR = 0x5354554E;

    private StunCodec() {}

    /** A Binding request; {@code changeFlags} non-zero adds CHANGE-REQUEST (RFC 5780 7.2). */
    public static byte[] bindingRequest(byte[] transactionId, int changeFlags, boolean fingerprint) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("transaction id must be 12 bytes");
        }
        int length = (changeFlags != 0 ? 8 : 0) + (fingerprint ? 8 : 0);
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + length);
        b.putShort((short) BINDING_REQUEST).putShort((short) length).putInt(MAGIC_COOKIE).put(transactionId);
        if (changeFlags != 0) {
            b.putShort((short) CHANGE_REQUEST).putShort((short) 4).putInt(changeFlags & (CHANGE_IP | CHANGE_PORT));
        }
        if (fingerprint) {
            int crc = crc(b.array(), b.position());
            b.putShort((short) FINGERPRINT).putShort((short) 4).putInt(crc);
        }
        return b.array();
    }

    /** CRC-32 of everything before the FINGERPRINT attribute, XOR 0x5354554E (RFC 8489 14.7). */
    static int crc(byte[] data, int upTo) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, upTo);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    public static boolean looksLikeStun(byte[] data, int length) {
        return length >= HEADER_LENGTH && (data[0] & 0xC0) == 0
                && ByteBuffer.wrap(data, 4, 4).getInt() == MAGIC_COOKIE;
    }

    public static StunMessage decode(byte[] data) throws StunException {
        return decode(data, data.length);
    }

    public static StunMessage decode(byte[] data, int length) throws StunException {
        if (!looksLikeStun(data, length)) {
            throw new StunException("not a STUN message (" + length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        int type = b.getShort() & 0xFFFF;
        int bodyLength = b.getShort() & 0xFFFF;
        b.getInt();
        byte[] txid = new byte[12];
        b.get(txid);
        if (bodyLength % 4 != 0 || HEADER_LENGTH + bodyLength != length) {
            throw new StunException("STUN length " + bodyLength + " does not match a " + length + "-byte datagram");
        }
        Optional<InetSocketAddress> xorMapped = Optional.empty();
        Optional<InetSocketAddress> mapped = Optional.empty();
        Optional<InetSocketAddress> other = Optional.empty();
        Optional<InetSocketAddress> origin = Optional.empty();
        Optional<Integer> error = Optional.empty();
        Optional<Boolean> fingerprintValid = Optional.empty();
        int integrityAt = -1;
        while (b.remaining() > 0) {
            int at = b.position();
            if (b.remaining() < 4) {
                throw new StunException("truncated attribute header");
            }
            int attr = b.getShort() & 0xFFFF;
            int len = b.getShort() & 0xFFFF;
            int padded = (len + 3) & ~3;
            if (b.remaining() < padded) {
                throw new StunException("attribute 0x" + Integer.toHexString(attr) + " runs past the message");
            }
            byte[] value = new byte[len];
            b.get(value);
            b.position(b.position() + padded - len);
            if (fingerprintValid.isPresent()) {
                throw new StunException("attribute after FINGERPRINT");
            }
            switch (attr) {
                case XOR_MAPPED_ADDRESS -> xorMapped = Optional.of(address(value, true, txid));
                case MAPPED_ADDRESS -> mapped = Optional.of(address(value, false, txid));
                case OTHER_ADDRESS -> other = Optional.of(address(value, false, txid));
                case RESPONSE_ORIGIN -> origin = Optional.of(address(value, false, txid));
                case MESSAGE_INTEGRITY -> {
                    if (len != 20) {
                        throw new StunException("MESSAGE-INTEGRITY of " + len + " bytes");
                    }
                    integrityAt = at;
                }
                case ERROR_CODE -> {
                    if (len < 4) {
                        throw new StunException("short ERROR-CODE");
                    }
                    error = Optional.of((value[2] & 0x07) * 100 + (value[3] & 0xFF));
                }
                case FINGERPRINT -> {
                    if (len != 4) {
                        throw new StunException("FINGERPRINT of " + len + " bytes");
                    }
                    byte[] upTo = Arrays.copyOf(data, at);
                    // The CRC covers the header with the length as sent, which includes the fingerprint.
                    fingerprintValid = Optional.of(ByteBuffer.wrap(value).getInt() == crc(upTo, at));
                }
                default -> {
                    // comprehension-optional or unused attribute: skip
                }
            }
        }
        return new StunMessage(type, txid, xorMapped, mapped, other, origin, error, fingerprintValid, integrityAt);
    }

    /**
     * Checks MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 14.5) with a short-term credential key (the
     * password, already SASLprep'd). The length field is rewritten to end at the attribute.
     */
    public static boolean integrityValid(byte[] message, StunMessage decoded, byte[] key) throws StunException {
        int at = decoded.messageIntegrityOffset();
        if (at < 0) {
            return false;
        }
        byte[] covered = Arrays.copyOf(message, at);
        int lengthToIntegrityEnd = at + 24 - HEADER_LENGTH;
        covered[2] = (byte) (lengthToIntegrityEnd >> 8);
        covered[3] = (byte) lengthToIntegrityEnd;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] expected = mac.doFinal(covered);
            return MessageDigest.isEqual(expected, Arrays.copyOfRange(message, at + 4, at + 24));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    public static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private static InetSocketAddress address(byte[] v, boolean xor, byte[] txid) throws StunException {
        if (v.length < 4) {
            throw new StunException("short address attribute");
        }
        int family = v[1] & 0xFF;
        int port = ((v[2] & 0xFF) << 8) | (v[3] & 0xFF);
        int addressLength = switch (family) {
            case 1 -> 4;
            case 2 -> 16;
            default -> throw new StunException("address family " + family);
        };
        if (v.length != 4 + addressLength) {
            throw new StunException("address attribute of " + v.length + " bytes for family " + family);
        }
        byte[] a = Arrays.copyOfRange(v, 4, 4 + addressLength);
        if (xor) {
            port ^= MAGIC_COOKIE >>> 16;
            byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(txid).array();
            for (int i = 0; i < a.length; i++) {
                a[i] ^= mask[i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(a), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
