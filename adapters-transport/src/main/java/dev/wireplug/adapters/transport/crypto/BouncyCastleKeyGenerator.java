package dev.wireplug.adapters.transport.crypto;

import dev.wireplug.application.port.out.KeyGenerator;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.inject.Inject;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 keys with BouncyCastle's RFC 7748 implementation, clamped as {@code wg genkey} does. */
final class BouncyCastleKeyGenerator implements KeyGenerator {
    private final SecureRandom random;

    @Inject
    BouncyCastleKeyGenerator(SecureRandom random) {
        this.random = random;
    }

    @Override
    public KeyPair generate() {
        byte[] secret = new byte[X25519.SCALAR_SIZE];
        random.nextBytes(secret);
        clamp(secret);
        PrivateKey privateKey = PrivateKey.of(secret);
        Arrays.fill(secret, (byte) 0);
        return new KeyPair(privateKey, publicKeyOf(privateKey));
    }

    @Override
    public PublicKey publicKeyOf(PrivateKey privateKey) {
        byte[] secret = privateKey.bytes();
        byte[] point = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(secret, 0, point, 0);
        Arrays.fill(secret, (byte) 0);
        return PublicKey.of(point);
    }

    /** The Curve25519 clamping (RFC 7748 section 5): a multiple of 8, top bit clear, bit 254 set. */
    static void clamp(byte[] scalar) {
        scalar[0] &= (byte) 248;
        scalar[31] &= (byte) 127;
        scalar[31] |= (byte) 64;
    }
}
