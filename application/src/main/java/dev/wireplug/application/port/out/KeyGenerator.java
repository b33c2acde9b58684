package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;

/** Curve25519 keys as WireGuard uses them. */
public interface KeyGenerator {
    /** A fresh, clamped private key from a secure random source, with its public key. */
    KeyPair generate();

    /** The public key of a private key, as {@code wg pubkey} derives it. */
    PublicKey publicKeyOf(PrivateKey privateKey);
}
