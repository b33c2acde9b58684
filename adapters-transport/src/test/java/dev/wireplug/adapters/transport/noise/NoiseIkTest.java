package dev.wireplug.adapters.transport.noise;

import static dev.wireplug.adapters.transport.noise.Hex.bytes;
import static dev.wireplug.adapters.transport.noise.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NoiseIkTest {
    /*
     * The "Noise_IK_25519_ChaChaPoly_BLAKE2s" vector of noise-c's tests/vector/noise-c-basic.txt
     * (github.com/rweather/noise-c, commit ec5de2ca65b093234c82c45f47b46d19bfa912e4). Messages 0 and
     * 1 are the handshake; 2 to 5 are transport messages, alternately initiator and responder,
     * each direction's nonce counting from 0, with empty associated data.
     */
    private static final byte[] PROLOGUE = bytes("50726f6c6f677565313233");
    private static final byte[] INIT_STATIC = bytes("e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1");
    private static final byte[] INIT_EPHEMERAL = bytes("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");
    private static final byte[] INIT_REMOTE_STATIC = bytes("31e0303fd6418d2f8c0e78b91f22e8caed0fbe48656dcf4767e4834f701b8f62");
    private static final byte[] RESP_STATIC = bytes("4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893");
    private static final byte[] RESP_EPHEMERAL = bytes("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");
    private static final String[][] MESSAGES = {
        {"4c756477696720766f6e204d69736573",
            "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79440b03ddc7aac5123d06a1b23b71670e32"
            + "e76c28239a7ca4ac8f784de7e44c1adb78f2058771dfd4229fbdc85c5fba3b587b1d171ce368229c7b752ac25b8faf4e"
            + "7b2fab7326f0d6fa1fdbef58de623245"},
        {"4d757272617920526f746862617264",
            "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843d9b5a8927f0ac9655ef76833bc7e5526"
            + "9c081ec38c61031f76fe15b2aaaad5"},
        {"462e20412e20486179656b", "2c256ed08fcd08c2980f954ee4beaccb61c9581340f5dd2fd1cf3b"},
        {"4361726c204d656e676572", "d6033f70eee20945c7c9dba304e397ee3b284ff5e00fd9efb095d3"},
        {"4a65616e2d426170746973746520536179", "a9c068ca5d8babf72560652d8e851adbfac35c8a66e810d560863173e96adf4cfe"},
        {"457567656e2042f6686d20766f6e2042617765726b",
            "2a09d8f459e5927e40fdd2eddc99bdafb04e13a26f145cb5cfe9e6ba34c94331ebc17d5156"},
    };
    private static final String HANDSHAKE_HASH = "45e34c56ca0de9c348e104edcf503035e5559ceed661ac22916f6f171696d994";

    @Test
    void responderPublicKeyMatchesTheVector() {
        assertArrayEquals(INIT_REMOTE_STATIC, NoiseCrypto.publicKey(RESP_STATIC));
    }

    @Test
    void initiatorProducesTheNoiseCVectorByteForByte() throws NoiseException {
        NoiseIk.Initiator initiator = new NoiseIk.Initiator(PROLOGUE, INIT_STATIC, INIT_REMOTE_STATIC, INIT_EPHEMERAL);
        assertEquals(MESSAGES[0][1], hex(initiator.writeMessage1(bytes(MESSAGES[0][0]))));
        assertEquals(MESSAGES[1][0], hex(initiator.readMessage2(bytes(MESSAGES[1][1]))));
        TransportKeys keys = initiator.split();
        assertEquals(HANDSHAKE_HASH, hex(keys.handshakeHash()));
        assertTransport(keys, true);
    }

    @Test
    void aResponderGivenItsStaticPublicKeyProducesTheSameVector() throws NoiseException {
        NoiseIk.Responder responder = new NoiseIk.Responder(PROLOGUE, RESP_STATIC, INIT_REMOTE_STATIC, RESP_EPHEMERAL);
        assertEquals(MESSAGES[0][0], hex(responder.readMessage1(bytes(MESSAGES[0][1]))));
        assertEquals(MESSAGES[1][1], hex(responder.writeMessage2(bytes(MESSAGES[1][0]))));
        assertEquals(HANDSHAKE_HASH, hex(responder.split().handshakeHash()));
    }

    @Test
    void responderProducesTheNoiseCVectorByteForByte() throws NoiseException {
        NoiseIk.Responder responder = new NoiseIk.Responder(PROLOGUE, RESP_STATIC, RESP_EPHEMERAL);
        assertEquals(MESSAGES[0][0], hex(responder.readMessage1(bytes(MESSAGES[0][1]))));
        assertArrayEquals(NoiseCrypto.publicKey(INIT_STATIC), responder.remoteStatic());
        assertEquals(MESSAGES[1][1], hex(responder.writeMessage2(bytes(MESSAGES[1][0]))));
        TransportKeys keys = responder.split();
        assertEquals(HANDSHAKE_HASH, hex(keys.handshakeHash()));
        assertTransport(keys, false);
    }

    /** Messages 2..5: initiator sends the even ones, responder the odd ones. */
    private static void assertTransport(TransportKeys keys, boolean initiator) throws NoiseException {
        for (int i = 2; i < MESSAGES.length; i++) {
            long counter = (i - 2) / 2;
            boolean mine = (i % 2 == 0) == initiator;
            if (mine) {
                assertEquals(MESSAGES[i][1], hex(NoiseCrypto.encrypt(keys.sendKey(), counter, new byte[0], bytes(MESSAGES[i][0]))));
            } else {
                assertEquals(MESSAGES[i][0], hex(NoiseCrypto.decrypt(keys.receiveKey(), counter, new byte[0], bytes(MESSAGES[i][1]))));
            }
        }
    }

    @Test
    void randomKeysRoundTripAndAgreeOnKeys() throws NoiseException {
        SecureRandom random = new SecureRandom();
        byte[] clientStatic = randomKey(random);
        byte[] serverStatic = randomKey(random);
        byte[] prologue = "wireplug".getBytes(StandardCharsets.US_ASCII);
        NoiseIk.Initiator initiator = new NoiseIk.Initiator(prologue, clientStatic, NoiseCrypto.publicKey(serverStatic), randomKey(random));
        NoiseIk.Responder responder = new NoiseIk.Responder(prologue, serverStatic, randomKey(random));
        byte[] m1 = initiator.writeMessage1(bytes("0102"));
        assertArrayEquals(bytes("0102"), responder.readMessage1(m1));
        assertArrayEquals(NoiseCrypto.publicKey(clientStatic), responder.remoteStatic());
        assertArrayEquals(bytes("03"), initiator.readMessage2(responder.writeMessage2(bytes("03"))));
        TransportKeys client = initiator.split();
        TransportKeys server = responder.split();
        assertArrayEquals(client.sendKey(), server.receiveKey());
        assertArrayEquals(client.receiveKey(), server.sendKey());
        assertArrayEquals(client.handshakeHash(), server.handshakeHash());
    }

    @Test
    void everyFlippedBitOfTheInitiationIsRejected() throws NoiseException {
        byte[] message = bytes(MESSAGES[0][1]);
        for (int bit = 0; bit < message.length * 8; bit++) {
            byte[] tampered = message.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            NoiseIk.Responder responder = new NoiseIk.Responder(PROLOGUE, RESP_STATIC, RESP_EPHEMERAL);
            assertThrows(NoiseException.class, () -> responder.readMessage1(tampered), "bit " + bit);
        }
    }

    @Test
    void everyFlippedBitOfTheResponseIsRejected() throws NoiseException {
        byte[] message = bytes(MESSAGES[1][1]);
        for (int bit = 0; bit < message.length * 8; bit++) {
            byte[] tampered = message.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            NoiseIk.Initiator initiator = new NoiseIk.Initiator(PROLOGUE, INIT_STATIC, INIT_REMOTE_STATIC, INIT_EPHEMERAL);
            initiator.writeMessage1(bytes(MESSAGES[0][0]));
            assertThrows(NoiseException.class, () -> initiator.readMessage2(tampered), "bit " + bit);
        }
    }

    @Test
    void aDifferentPrologueOrWrongServerKeyFailsTheHandshake() throws NoiseException {
        byte[] m1 = new NoiseIk.Initiator(PROLOGUE, INIT_STATIC, INIT_REMOTE_STATIC, INIT_EPHEMERAL)
                .writeMessage1(new byte[0]);
        assertThrows(NoiseException.class,
                () -> new NoiseIk.Responder(bytes("00"), RESP_STATIC, RESP_EPHEMERAL).readMessage1(m1));
        assertThrows(NoiseException.class,
                () -> new NoiseIk.Responder(PROLOGUE, INIT_EPHEMERAL, RESP_EPHEMERAL).readMessage1(m1));
    }

    @Test
    void shortMessagesAndOutOfOrderStepsRaiseNoiseException() {
        NoiseIk.Responder responder = new NoiseIk.Responder(PROLOGUE, RESP_STATIC, RESP_EPHEMERAL);
        assertThrows(NoiseException.class, () -> responder.readMessage1(new byte[NoiseIk.MESSAGE1_OVERHEAD - 1]));
        assertThrows(NoiseException.class, () -> responder.writeMessage2(new byte[0]));
        NoiseIk.Initiator initiator = new NoiseIk.Initiator(PROLOGUE, INIT_STATIC, INIT_REMOTE_STATIC, INIT_EPHEMERAL);
        assertThrows(NoiseException.class, () -> initiator.readMessage2(new byte[64]));
        assertThrows(NoiseException.class, initiator::split);
    }

    @Test
    void aLowOrderPublicKeyIsRefused() {
        // The all-zero u-coordinate is of small order (RFC 7748 section 6.1): the agreement is zero.
        assertThrows(NoiseException.class, () -> NoiseCrypto.dh(RESP_STATIC, new byte[32]));
    }

    private static byte[] randomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }
}
