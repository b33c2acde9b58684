package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Mac1Test {
    private final Mac1 towardsA = new Mac1(CapturedHandshake.A);
    private final Mac1 towardsB = new Mac1(CapturedHandshake.B);

    @Test
    void theInitiationWireGuardGoSentToBCarriesAValidMac1ForBsKeyOnly() throws WireGuardMessageException {
        byte[] init = CapturedHandshake.INITIATION_A_TO_B;
        assertTrue(towardsB.verifies(init, 0, init.length));
        assertFalse(towardsA.verifies(init, 0, init.length));
    }

    @Test
    void theResponseWireGuardGoSentToACarriesAValidMac1ForAsKeyOnly() throws WireGuardMessageException {
        byte[] response = CapturedHandshake.RESPONSE_B_TO_A;
        assertTrue(towardsA.verifies(response, 0, response.length));
        assertFalse(towardsB.verifies(response, 0, response.length));
    }

    @Test
    void mac1IsTheCapturedBytesAt116To131() {
        // The same mac1 computed independently with Python's hashlib:
        // blake2s(init[:116], key=blake2s(b"mac1----" + B).digest(), digest_size=16) == init[116:132].
        byte[] init = CapturedHandshake.INITIATION_A_TO_B;
        assertArrayEquals(Arrays.copyOfRange(init, 116, 132), towardsB.compute(init, 0, 116));
    }

    @Test
    void anyChangedByteBeforeOrInMac1BreaksIt() throws WireGuardMessageException {
        for (int i = 4; i < 132; i++) {
            byte[] init = CapturedHandshake.INITIATION_A_TO_B.clone();
            init[i] ^= 0x01;
            assertFalse(towardsB.verifies(init, 0, init.length), "bit flipped at byte " + i);
        }
    }

    @Test
    void mac2IsNotCoveredByMac1() throws WireGuardMessageException {
        byte[] init = CapturedHandshake.INITIATION_A_TO_B.clone();
        init[140] ^= 0x01;
        assertTrue(towardsB.verifies(init, 0, init.length));
    }

    @Test
    void verifiesWithinALargerBuffer() throws WireGuardMessageException {
        byte[] padded = new byte[3 + 148];
        System.arraycopy(CapturedHandshake.INITIATION_A_TO_B, 0, padded, 3, 148);
        assertTrue(towardsB.verifies(padded, 3, 148));
    }

    @Test
    void transportDataAndCookieRepliesCarryNoMac1() throws WireGuardMessageException {
        byte[] data = CapturedHandshake.TRANSPORT_A_TO_B;
        assertFalse(towardsB.verifies(data, 0, data.length));
        byte[] cookie = new byte[64];
        cookie[0] = 3;
        assertFalse(towardsB.verifies(cookie, 0, 64));
    }

    @Test
    void truncatedAndMistypedMessagesAreTheCodecsError() {
        byte[] init = CapturedHandshake.INITIATION_A_TO_B;
        assertThrows(WireGuardMessageException.class, () -> towardsB.verifies(init, 0, 131));
        byte[] retyped = init.clone();
        retyped[0] = 2;
        assertThrows(WireGuardMessageException.class, () -> towardsB.verifies(retyped, 0, retyped.length));
    }

    @Test
    void theMac1KeyIsBlake2sOfTheLabelAndTheReceiverKey() {
        // hashlib.blake2s(b"mac1----" + base64.b64decode(B)).hexdigest() in Python.
        assertArrayEquals(HexFormat.of().parseHex("6c93677b1a6aa30b0e9fbda062ed4ae3f242890206ab6b3bb916437832e556dd"),
                towardsB.key());
    }

    @Test
    void keyedBlake2s128MatchesThePythonHashlibImplementation() {
        // hashlib.blake2s(b"abc", key=bytes(range(32)), digest_size=16).hexdigest() in Python.
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        assertArrayEquals(HexFormat.of().parseHex("61ba5f165c194692e09d12520cc4c74a"),
                Mac1.keyedBlake2s128(key, "abc".getBytes(StandardCharsets.US_ASCII), 0, 3));
    }
}
