package dev.wireplug.adapters.transport.wire;

import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.noise.NoiseIk;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes to {@link WireMessage} and back. Every message starts with a 4-byte header: a type byte
 * whose top two bits are {@code 10} (STUN's are always {@code 00}, so the two never mix on the
 * shared port), the protocol version, and two reserved zero bytes. Integers are big-endian.
 */
public final class WireCodec {
    public static final int VERSION = 1;
    public static final int MIN_VERSION = 1;
    /** Fits the IPv6 minimum MTU (1280) minus IPv6 and UDP headers, with room to spare. */
    public static final int MAX_DATAGRAM = 1200;
    public static final int HEADER_LENGTH = 4;
    public static final int TRANSPORT_HEADER_LENGTH = 16;

    public static final int TYPE_HANDSHAKE_INITIATION = 0x91;
    public static final int TYPE_HANDSHAKE_RESPONSE = 0x92;
    public static final int TYPE_TRANSPORT = 0x93;
    public static final int TYPE_UPGRADE_REQUIRED = 0x94;
    public static final int TYPE_UNKNOWN_SESSION = 0x95;
    public static final int TYPE_KEY_REQUEST = 0x96;
    public static final int TYPE_COORDINATOR_KEY = 0x97;
    /** Header plus padding: a key request is 68 bytes, its answer 36. */
    public static final int KEY_REQUEST_PADDING = 64;
    private static final int LAST_TYPE = TYPE_COORDINATOR_KEY;

    /** Binds the protocol and its version into every handshake hash. */
    public static final byte[] PROLOGUE = ("wireplug/" + VERSION).getBytes(StandardCharsets.US_ASCII);

    private static final int STUN_MAGIC_COOKIE = 0x2112A442;

    private WireCodec() {}

    /** RFC 8489 section 5 / RFC 7983: STUN starts with bits 00 and carries the magic cookie at 4-7. */
    public static boolean isStun(byte[] datagram) {
        return datagram.length >= 20 && (datagram[0] & 0xc0) == 0
                && ((datagram[4] & 0xff) << 24 | (datagram[5] & 0xff) << 16
                        | (datagram[6] & 0xff) << 8 | (datagram[7] & 0xff)) == STUN_MAGIC_COOKIE;
    }

    /** Whether the first byte is one of ours, whatever the version (so "upgrade required" can answer). */
    public static boolean isWireplug(byte[] datagram) {
        if (datagram.length < HEADER_LENGTH) {
            return false;
        }
        int type = datagram[0] & 0xff;
        return type >= TYPE_HANDSHAKE_INITIATION && type <= LAST_TYPE;
    }

    public static WireMessage decode(byte[] datagram) throws WireFormatException {
        if (datagram.length > MAX_DATAGRAM) {
            throw new WireFormatException("datagram of " + datagram.length + " bytes exceeds " + MAX_DATAGRAM);
        }
        ByteReader in = new ByteReader(datagram);
        int type = in.u8();
        int version = in.u8();
        int reserved = in.u16();
        if (type == TYPE_UPGRADE_REQUIRED) {
            // Its layout is frozen across versions: byte 1 is the newest version spoken, 2 the oldest.
            int min = reserved >>> 8;
            if ((reserved & 0xff) != 0 || min == 0 || min > version) {
                throw new WireFormatException("malformed upgrade-required");
            }
            in.end();
            return new WireMessage.UpgradeRequired(min, version);
        }
        if (type < TYPE_HANDSHAKE_INITIATION || type > LAST_TYPE) {
            throw new WireFormatException(String.format("not a wireplug message (type 0x%02x)", type));
        }
        if (version < MIN_VERSION || version > VERSION) {
            throw new UnsupportedVersionException(version);
        }
        if (reserved != 0) {
            throw new WireFormatException("reserved header bytes must be zero");
        }
        return switch (type) {
            case TYPE_HANDSHAKE_INITIATION -> {
                int sender = in.u32();
                if (in.remaining() < NoiseIk.MESSAGE1_OVERHEAD) {
                    throw new WireFormatException("handshake initiation too short");
                }
                yield new WireMessage.HandshakeInitiation(sender, in.rest());
            }
            case TYPE_HANDSHAKE_RESPONSE -> {
                int sender = in.u32();
                int receiver = in.u32();
                if (in.remaining() < NoiseIk.MESSAGE2_OVERHEAD) {
                    throw new WireFormatException("handshake response too short");
                }
                yield new WireMessage.HandshakeResponse(sender, receiver, in.rest());
            }
            case TYPE_TRANSPORT -> {
                int receiver = in.u32();
                long counter = in.u64();
                if (in.remaining() < NoiseCrypto.TAG_LEN) {
                    throw new WireFormatException("transport message shorter than its tag");
                }
                yield new WireMessage.Transport(receiver, counter, in.rest());
            }
            case TYPE_UNKNOWN_SESSION -> {
                int receiver = in.u32();
                in.end();
                yield new WireMessage.UnknownSession(receiver);
            }
            case TYPE_KEY_REQUEST -> {
                byte[] padding = in.rest();
                if (padding.length != KEY_REQUEST_PADDING) {
                    throw new WireFormatException("a key request carries " + KEY_REQUEST_PADDING + " bytes of padding");
                }
                for (byte b : padding) {
                    if (b != 0) {
                        throw new WireFormatException("key request padding must be zero");
                    }
                }
                yield new WireMessage.KeyRequest();
            }
            case TYPE_COORDINATOR_KEY -> {
                if (in.remaining() != 32) {
                    throw new WireFormatException("a coordinator key answer carries exactly 32 bytes");
                }
                yield new WireMessage.CoordinatorKey(in.rest());
            }
            default -> throw new WireFormatException("unreachable type " + type);
        };
    }

    public static byte[] encode(WireMessage message) {
        ByteWriter out = new ByteWriter();
        switch (message) {
            case WireMessage.HandshakeInitiation m ->
                    header(out, TYPE_HANDSHAKE_INITIATION).u32(m.senderIndex()).bytes(m.noise());
            case WireMessage.HandshakeResponse m ->
                    header(out, TYPE_HANDSHAKE_RESPONSE).u32(m.senderIndex()).u32(m.receiverIndex()).bytes(m.noise());
            case WireMessage.Transport m ->
                    header(out, TYPE_TRANSPORT).u32(m.receiverIndex()).u64(m.counter()).bytes(m.ciphertext());
            case WireMessage.UpgradeRequired m ->
                    out.u8(TYPE_UPGRADE_REQUIRED).u8(m.maxVersion()).u8(m.minVersion()).u8(0);
            case WireMessage.UnknownSession m -> header(out, TYPE_UNKNOWN_SESSION).u32(m.receiverIndex());
            case WireMessage.KeyRequest m -> header(out, TYPE_KEY_REQUEST).bytes(new byte[KEY_REQUEST_PADDING]);
            case WireMessage.CoordinatorKey m -> header(out, TYPE_COORDINATOR_KEY).bytes(m.publicKey());
        }
        return out.toArray();
    }

    /** The 16 bytes before a transport ciphertext, authenticated as its associated data. */
    public static byte[] transportHeader(int receiverIndex, long counter) {
        return header(new ByteWriter(), TYPE_TRANSPORT).u32(receiverIndex).u64(counter).toArray();
    }

    /** The same bytes cut from a datagram already decoded, without copying the ciphertext. */
    public static byte[] transportHeaderOf(byte[] datagram) {
        return Arrays.copyOf(datagram, TRANSPORT_HEADER_LENGTH);
    }

    private static ByteWriter header(ByteWriter out, int type) {
        return out.u8(type).u8(VERSION).u16(0);
    }
}
