package dev.wireplug.domain.key;

/** A WireGuard (Curve25519) public key. Public by nature, so it prints whole. */
public final class PublicKey implements Comparable<PublicKey> {
    private final byte[] bytes;

    private PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PublicKey of(byte[] bytes) {
        return new PublicKey(KeyBytes.checked(bytes));
    }

    /** Parses the 44-character base64 form that `wg` prints. */
    public static PublicKey parse(String base64) {
        return new PublicKey(KeyBytes.decode(base64));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return KeyBytes.encode(bytes);
    }

    /** The first characters, enough to tell keys apart in a log line. */
    public String shortForm() {
        return toBase64().substring(0, 8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicKey that && KeyBytes.sameBytes(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return KeyBytes.hash(bytes);
    }

    @Override
    public int compareTo(PublicKey other) {
        return java.util.Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
