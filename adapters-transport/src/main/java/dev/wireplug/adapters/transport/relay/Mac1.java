package dev.wireplug.adapters.transport.relay;

import dev.wireplug.domain.key.PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2sDigest;

/**
 * WireGuard's mac1 for messages sent TO the holder of {@code receiver}: a keyed BLAKE2s-128 over
 * the message up to mac1, keyed with HASH(LABEL_MAC1 || receiver's static public key) where HASH
 * is BLAKE2s-256 and LABEL_MAC1 is "mac1----" (WireGuard paper, section 5.4.4; wireguard-go
 * {@code device/cookie.go}). Anyone who knows the receiver's public key can compute it, so it
 * proves only that: the relay uses it to tell a genuine initiation towards a peer from noise.
 * Immutable and thread-safe (a fresh digest per call).
 */
final class Mac1 {
    private static final byte[] LABEL_MAC1 = "mac1----".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;

    Mac1(PublicKey receiver) {
        Blake2sDigest hash = new Blake2sDigest(256);
        hash.update(LABEL_MAC1, 0, LABEL_MAC1.length);
        byte[] pub = receiver.bytes();
        hash.update(pub, 0, pub.length);
        key = new byte[32];
        hash.doFinal(key, 0);
    }

    /** mac1 over {@code data[offset..offset+covered)}. */
    byte[] compute(byte[] data, int offset, int covered) {
        return keyedBlake2s128(key, data, offset, covered);
    }

    /** The MAC key, for tests against an independent implementation. */
    byte[] key() {
        return key.clone();
    }

    static byte[] keyedBlake2s128(byte[] key, byte[] data, int offset, int length) {
        Blake2sDigest mac = new Blake2sDigest(key, WireGuardMessage.MAC_LENGTH, null, null);
        mac.update(data, offset, length);
        byte[] out = new byte[WireGuardMessage.MAC_LENGTH];
        mac.doFinal(out, 0);
        return out;
    }

    /**
     * Whether the initiation or response in {@code data[offset..offset+length)} carries a mac1
     * valid for this receiver; false for any other message type.
     */
    boolean verifies(byte[] data, int offset, int length) throws WireGuardMessageException {
        int macOffset = switch (WireGuardMessage.classify(data, offset, length)) {
            case INITIATION -> WireGuardMessage.INITIATION_MAC1_OFFSET;
            case RESPONSE -> WireGuardMessage.RESPONSE_MAC1_OFFSET;
            case COOKIE_REPLY, TRANSPORT -> -1;
        };
        if (macOffset < 0) {
            return false;
        }
        byte[] expected = compute(data, offset, macOffset);
        byte[] actual = Arrays.copyOfRange(data, offset + macOffset, offset + macOffset + WireGuardMessage.MAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }
}
