package dev.wireplug.domain.key;

/**
 * A WireGuard (Curve25519) private key. Its {@link #toString()} never shows the key, so a private
 * key that reaches a log line by mistake leaks nothing; {@link #toBase64()} is the one deliberate
 * way out, for writing the config file.
 */
public final class PrivateKey {
    private final byte[] bytes;

    private PrivateKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PrivateKey of(byte[] bytes) {
        return new PrivateKey(KeyBytes.checked(bytes));
    }

    public static PrivateKey parse(String base64) {
        return new PrivateKey(KeyBytes.decode(base64));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return KeyBytes.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrivateKey that && KeyBytes.sameBytes(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        // Not derived from the key: a hash code is printed by some tools and must not leak bits.
        return PrivateKey.class.hashCode();
    }

    @Override
    public String toString() {
        return "PrivateKey[hidden]";
    }
}
