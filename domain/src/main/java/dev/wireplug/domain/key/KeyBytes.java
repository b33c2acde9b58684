package dev.wireplug.domain.key;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** Shared rules for the 32-byte Curve25519 keys WireGuard uses. */
final class KeyBytes {
    static final int LENGTH = 32;
    static final int BASE64_LENGTH = 44;

    private KeyBytes() {}

    static byte[] checked(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a WireGuard key is " + LENGTH + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return bytes.clone();
    }

    static byte[] decode(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("missing key");
        }
        String text = base64.strip();
        // 32 bytes in standard base64 are always 43 characters plus one '=' pad.
        if (text.length() != BASE64_LENGTH || text.charAt(BASE64_LENGTH - 1) != '=') {
            throw new IllegalArgumentException("a WireGuard key is 44 characters of base64 ending in '=', got "
                    + text.length() + " characters");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a WireGuard key must be base64: " + e.getMessage());
        }
        return checked(bytes);
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Constant time: how long the comparison takes tells nothing about where keys differ. */
    static boolean sameBytes(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static int hash(byte[] bytes) {
        return Arrays.hashCode(bytes);
    }
}
