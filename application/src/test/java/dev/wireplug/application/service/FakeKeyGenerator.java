package dev.wireplug.application.service;

import dev.wireplug.application.port.out.KeyGenerator;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;

/** Deterministic keys: the "public key" is the private key with every byte inverted. */
final class FakeKeyGenerator implements KeyGenerator {
    private byte next = 1;

    @Override
    public KeyPair generate() {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, next++);
        PrivateKey privateKey = PrivateKey.of(secret);
        return new KeyPair(privateKey, publicKeyOf(privateKey));
    }

    @Override
    public PublicKey publicKeyOf(PrivateKey privateKey) {
        byte[] bytes = privateKey.bytes();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        return PublicKey.of(bytes);
    }
}
