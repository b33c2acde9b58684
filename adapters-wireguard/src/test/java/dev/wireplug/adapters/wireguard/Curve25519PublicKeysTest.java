package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Curve25519PublicKeysTest {
    @Test
    void derivesThePublicKeyOfRfc7748Section61() {
        // RFC 7748 section 6.1: Alice's private key and public key X25519(a, 9).
        HexFormat hex = HexFormat.of();
        PrivateKey alice = PrivateKey.of(hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        assertEquals(PublicKey.of(hex.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")),
                Curve25519PublicKeys.of(alice));
    }
}
