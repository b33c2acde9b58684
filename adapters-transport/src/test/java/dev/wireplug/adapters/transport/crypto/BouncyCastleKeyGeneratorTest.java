package dev.wireplug.adapters.transport.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BouncyCastleKeyGeneratorTest {
    private final BouncyCastleKeyGenerator generator = new BouncyCastleKeyGenerator(new SecureRandom());

    @Test
    void derivesPublicKeysAsRfc7748Section6_1() {
        HexFormat hex = HexFormat.of();
        // RFC 7748, section 6.1: Alice's and Bob's private and public keys.
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                hex.formatHex(generator.publicKeyOf(PrivateKey.of(
                        hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))).bytes()));
        assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                hex.formatHex(generator.publicKeyOf(PrivateKey.of(
                        hex.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))).bytes()));
    }

    @Test
    void generatedKeysAreClampedAsWgGenkeyDoes() {
        for (int i = 0; i < 64; i++) {
            byte[] secret = generator.generate().privateKey().bytes();
            assertEquals(0, secret[0] & 7, "low three bits cleared");
            assertEquals(0, secret[31] & 0x80, "top bit cleared");
            assertEquals(0x40, secret[31] & 0x40, "bit 254 set");
        }
    }

    @Test
    void generatedPairsMatchTheirDerivation() {
        KeyPair pair = generator.generate();
        assertEquals(pair.publicKey(), generator.publicKeyOf(pair.privateKey()));
        assertNotEquals(pair.privateKey(), generator.generate().privateKey());
    }

    @Test
    void usesTheInjectedRandomness() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0xff);
            }
        };
        byte[] secret = new BouncyCastleKeyGenerator(fixed).generate().privateKey().bytes();
        assertEquals((byte) 0xf8, secret[0]);
        assertEquals((byte) 0x7f, secret[31]);
    }
}
