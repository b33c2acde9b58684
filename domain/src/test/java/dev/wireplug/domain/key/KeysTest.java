package dev.wireplug.domain.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeysTest {
    // Two arbitrary 32-byte values in base64; derivation is tested where the X25519 adapter lives.
    private static final String PRIVATE = "8H5b0Y4Bqz7w8uQPv2ZMqeQyFZ0Q0s3w7y3VZkWm4Ek=";
    private static final String PUBLIC = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";

    @Test
    void parsesAndPrintsTheBase64FormWgUses() {
        assertEquals(PUBLIC, PublicKey.parse(PUBLIC).toBase64());
        assertEquals(PRIVATE, PrivateKey.parse(PRIVATE).toBase64());
        assertEquals(32, PublicKey.parse(PUBLIC).bytes().length);
    }

    @Test
    void toleratesSurroundingWhitespace() {
        assertEquals(PublicKey.parse(PUBLIC), PublicKey.parse("  " + PUBLIC + "\t"));
    }

    @Test
    void rejectsWrongLengthsAndAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> PublicKey.parse(PUBLIC.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.parse(PUBLIC + "A"));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.parse(PUBLIC.replace('H', '*')));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.parse(""));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.parse(null));
        // 33 bytes encode to 44 characters without padding: still not a key.
        String thirtyThree = Base64.getEncoder().encodeToString(new byte[33]);
        assertEquals(44, thirtyThree.length());
        assertThrows(IllegalArgumentException.class, () -> PublicKey.parse(thirtyThree));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(new byte[31]));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(PublicKey.parse(PUBLIC), PublicKey.parse(PUBLIC));
        assertEquals(PublicKey.parse(PUBLIC).hashCode(), PublicKey.parse(PUBLIC).hashCode());
        assertNotEquals(PublicKey.parse(PUBLIC), PublicKey.parse(PRIVATE));
        assertEquals(PrivateKey.parse(PRIVATE), PrivateKey.parse(PRIVATE));
        assertNotEquals(PrivateKey.parse(PRIVATE), PrivateKey.parse(PUBLIC));
    }

    @Test
    void privateKeyNeverPrintsItself() {
        PrivateKey key = PrivateKey.parse(PRIVATE);
        assertFalse(key.toString().contains(PRIVATE.substring(0, 6)));
        assertEquals(PrivateKey.parse(PUBLIC).hashCode(), key.hashCode(), "hash code must not depend on the key");
        assertFalse(new KeyPair(key, PublicKey.parse(PUBLIC)).toString().contains(PRIVATE.substring(0, 6)));
    }

    @Test
    void keysAreImmutableCopies() {
        byte[] raw = new byte[32];
        PublicKey key = PublicKey.of(raw);
        raw[0] = 1;
        assertEquals(0, key.bytes()[0]);
        key.bytes()[1] = 9;
        assertEquals(0, key.bytes()[1]);
    }

    @Test
    void shortFormIsAPrefixOfTheKey() {
        assertTrue(PUBLIC.startsWith(PublicKey.parse(PUBLIC).shortForm()));
        assertEquals(8, PublicKey.parse(PUBLIC).shortForm().length());
    }

    @Test
    void ordersKeysByUnsignedBytes() {
        byte[] low = new byte[32];
        byte[] high = new byte[32];
        high[0] = (byte) 0x80;
        assertTrue(PublicKey.of(low).compareTo(PublicKey.of(high)) < 0);
        assertArrayEquals(low, PublicKey.of(low).bytes());
        assertTrue(Arrays.equals(high, PublicKey.of(high).bytes()));
    }
}
