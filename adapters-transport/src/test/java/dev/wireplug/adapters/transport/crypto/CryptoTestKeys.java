package dev.wireplug.adapters.transport.crypto;

import dev.wireplug.domain.key.KeyPair;
import java.security.SecureRandom;

/** Real X25519 key pairs for tests, from the production generator. */
public final class CryptoTestKeys {
    private static final BouncyCastleKeyGenerator GENERATOR = new BouncyCastleKeyGenerator(new SecureRandom());

    private CryptoTestKeys() {}

    public static KeyPair generate() {
        return GENERATOR.generate();
    }
}
