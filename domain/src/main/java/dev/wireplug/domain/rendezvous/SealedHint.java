package dev.wireplug.domain.rendezvous;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Bytes one peer sealed for another (its LAN addresses, say) with a key only the two of them can
 * derive. The coordinator stores and forwards them without being able to read them.
 */
public final class SealedHint {
    /** Bounded so that one peer's hint always fits a datagram next to the rest of a message. */
    public static final int MAX_LENGTH = 200;
    private static final SealedHint NONE = new SealedHint(new byte[0]);

    private final byte[] bytes;

    private SealedHint(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SealedHint of(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a sealed hint is at most " + MAX_LENGTH + " bytes, got " + bytes.length);
        }
        return bytes.length == 0 ? NONE : new SealedHint(bytes.clone());
    }

    public static SealedHint none() {
        return NONE;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public int length() {
        return bytes.length;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedHint that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealedHint[" + bytes.length + " bytes]";
    }
}
