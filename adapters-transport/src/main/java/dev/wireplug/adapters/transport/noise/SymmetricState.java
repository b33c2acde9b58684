package dev.wireplug.adapters.transport.noise;

import java.nio.charset.StandardCharsets;

/** Noise's SymmetricState with its CipherState folded in (spec sections 5.1 and 5.2). */
final class SymmetricState {
    private byte[] chainingKey;
    private byte[] handshakeHash;
    private byte[] key;
    private long nonce;

    SymmetricState(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        if (name.length <= NoiseCrypto.HASH_LEN) {
            handshakeHash = java.util.Arrays.copyOf(name, NoiseCrypto.HASH_LEN);
        } else {
            handshakeHash = NoiseCrypto.hash(name);
        }
        chainingKey = handshakeHash.clone();
    }

    void mixKey(byte[] inputKeyMaterial) {
        byte[][] out = NoiseCrypto.hkdf(chainingKey, inputKeyMaterial, 2);
        chainingKey = out[0];
        key = out[1];
        nonce = 0;
    }

    void mixHash(byte[] data) {
        handshakeHash = NoiseCrypto.hash(handshakeHash, data);
    }

    byte[] encryptAndHash(byte[] plaintext) {
        byte[] ciphertext;
        if (key == null) {
            ciphertext = plaintext.clone();
        } else {
            ciphertext = NoiseCrypto.encrypt(key, nonce++, handshakeHash, plaintext);
        }
        mixHash(ciphertext);
        return ciphertext;
    }

    byte[] decryptAndHash(byte[] ciphertext) throws NoiseException {
        byte[] plaintext;
        if (key == null) {
            plaintext = ciphertext.clone();
        } else {
            plaintext = NoiseCrypto.decrypt(key, nonce, handshakeHash, ciphertext);
            nonce++;
        }
        mixHash(ciphertext);
        return plaintext;
    }

    /** The two transport keys: initiator-to-responder first. */
    byte[][] split() {
        return NoiseCrypto.hkdf(chainingKey, new byte[0], 2);
    }

    byte[] handshakeHash() {
        return handshakeHash.clone();
    }
}
