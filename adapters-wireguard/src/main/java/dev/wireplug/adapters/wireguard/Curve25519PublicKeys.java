package dev.wireplug.adapters.wireguard;

import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * Derives a device's public key from its private key with the JDK's X25519, because neither the
 * UAPI nor an older kernel reports it: the public key is X25519(private, 9), the base point.
 */
final class Curve25519PublicKeys {
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private Curve25519PublicKeys() {}

    static PublicKey of(PrivateKey privateKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            var priv = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.bytes()));
            var base = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(priv);
            agreement.doPhase(base, true);
            return PublicKey.of(agreement.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no usable X25519", e);
        }
    }
}
