package dev.wireplug.adapters.transport.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.transport.noise.NoiseException;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BouncyCastleHintSealerTest {
    private final SecureRandom random = new SecureRandom();
    private final BouncyCastleKeyGenerator keys = new BouncyCastleKeyGenerator(random);
    private final BouncyCastleHintSealer sealer = new BouncyCastleHintSealer(random);
    private final KeyPair alice = keys.generate();
    private final KeyPair bob = keys.generate();
    private final KeyPair coordinator = keys.generate();
    private final List<Endpoint> lan = List.of(Endpoint.parse("10.1.0.5:51820"), Endpoint.parse("[fd00::5]:51820"));

    @Test
    void bothPeersDeriveTheSameKeyFromTheirOwnPrivateAndTheOthersPublic() throws NoiseException {
        assertArrayEquals(BouncyCastleHintSealer.key(alice.privateKey().bytes(), bob.publicKey()),
                BouncyCastleHintSealer.key(bob.privateKey().bytes(), alice.publicKey()));
    }

    @Test
    void thePeerItWasSealedForOpensIt() {
        SealedHint hint = sealer.seal(alice.privateKey(), bob.publicKey(), lan);
        assertEquals(Optional.of(lan), sealer.open(bob.privateKey(), alice.publicKey(), hint));
        assertTrue(hint.length() <= SealedHint.MAX_LENGTH);
    }

    @Test
    void noOneElseOpensItNotEvenTheCoordinatorOrTheSenderAsRecipient() {
        SealedHint hint = sealer.seal(alice.privateKey(), bob.publicKey(), lan);
        assertEquals(Optional.empty(), sealer.open(coordinator.privateKey(), alice.publicKey(), hint));
        assertEquals(Optional.empty(), sealer.open(coordinator.privateKey(), bob.publicKey(), hint));
        // Reflected back to Alice as if Bob had sealed it: the associated data (sender, recipient) differs.
        assertEquals(Optional.empty(), sealer.open(alice.privateKey(), bob.publicKey(), hint));
    }

    @Test
    void anyFlippedBitMakesItUnopenable() {
        byte[] bytes = sealer.seal(alice.privateKey(), bob.publicKey(), lan).bytes();
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] tampered = bytes.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(Optional.empty(), sealer.open(bob.privateKey(), alice.publicKey(), SealedHint.of(tampered)));
        }
        assertEquals(Optional.empty(), sealer.open(bob.privateKey(), alice.publicKey(), SealedHint.none()));
    }

    @Test
    void theLargestAllowedHintFitsAndMoreIsRefused() {
        List<Endpoint> many = Collections.nCopies(8, Endpoint.parse("[fd00::1234:5678:9abc:def0]:65535"));
        assertEquals(Optional.of(many), sealer.open(bob.privateKey(), alice.publicKey(),
                sealer.seal(alice.privateKey(), bob.publicKey(), many)));
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(alice.privateKey(), bob.publicKey(),
                Collections.nCopies(9, Endpoint.parse("10.0.0.1:1"))));
        assertThrows(IllegalArgumentException.class,
                () -> sealer.seal(alice.privateKey(), PublicKey.of(new byte[32]), lan));
    }
}
