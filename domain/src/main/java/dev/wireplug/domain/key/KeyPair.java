package dev.wireplug.domain.key;

import java.util.Objects;

/** A private key and the public key derived from it. */
public record KeyPair(PrivateKey privateKey, PublicKey publicKey) {
    public KeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
