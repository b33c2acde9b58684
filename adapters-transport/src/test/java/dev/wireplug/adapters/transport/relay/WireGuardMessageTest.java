package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireGuardMessageTest {

    private static WireGuardMessage classify(byte[] data) throws WireGuardMessageException {
        return WireGuardMessage.classify(data, 0, data.length);
    }

    @Test
    void classifiesTheMessagesWireGuardGoSent() throws WireGuardMessageException {
        assertEquals(148, CapturedHandshake.INITIATION_A_TO_B.length);
        assertEquals(92, CapturedHandshake.RESPONSE_B_TO_A.length);
        assertEquals(WireGuardMessage.INITIATION, classify(CapturedHandshake.INITIATION_A_TO_B));
        assertEquals(WireGuardMessage.RESPONSE, classify(CapturedHandshake.RESPONSE_B_TO_A));
        assertEquals(WireGuardMessage.TRANSPORT, classify(CapturedHandshake.TRANSPORT_A_TO_B));
    }

    @Test
    void classifiesACookieReplyAndAKeepaliveBySize() throws WireGuardMessageException {
        byte[] cookie = new byte[64];
        cookie[0] = 3;
        byte[] keepalive = new byte[32];
        keepalive[0] = 4;
        assertEquals(WireGuardMessage.COOKIE_REPLY, classify(cookie));
        assertEquals(WireGuardMessage.TRANSPORT, classify(keepalive));
    }

    @Test
    void classifiesWithinALargerBuffer() throws WireGuardMessageException {
        byte[] padded = new byte[10 + 148 + 7];
        System.arraycopy(CapturedHandshake.INITIATION_A_TO_B, 0, padded, 10, 148);
        assertEquals(WireGuardMessage.INITIATION, WireGuardMessage.classify(padded, 10, 148));
        assertThrows(IllegalArgumentException.class, () -> WireGuardMessage.classify(padded, 100, 148));
    }

    @Test
    void rejectsWrongSizesForEachType() {
        assertThrows(WireGuardMessageException.class,
                () -> classify(Arrays.copyOf(CapturedHandshake.INITIATION_A_TO_B, 147)));
        assertThrows(WireGuardMessageException.class,
                () -> classify(Arrays.copyOf(CapturedHandshake.INITIATION_A_TO_B, 149)));
        assertThrows(WireGuardMessageException.class,
                () -> classify(Arrays.copyOf(CapturedHandshake.RESPONSE_B_TO_A, 91)));
        byte[] cookie = new byte[65];
        cookie[0] = 3;
        assertThrows(WireGuardMessageException.class, () -> classify(cookie));
        byte[] shortTransport = new byte[31];
        shortTransport[0] = 4;
        assertThrows(WireGuardMessageException.class, () -> classify(shortTransport));
        assertThrows(WireGuardMessageException.class, () -> classify(new byte[] {1, 0, 0}));
    }

    @Test
    void rejectsUnknownTypesAndNonZeroReservedBytes() {
        byte[] typeFive = Arrays.copyOf(CapturedHandshake.TRANSPORT_A_TO_B, 32);
        typeFive[0] = 5;
        assertThrows(WireGuardMessageException.class, () -> classify(typeFive));
        byte[] typeZero = new byte[148];
        assertThrows(WireGuardMessageException.class, () -> classify(typeZero));
        byte[] reserved = CapturedHandshake.INITIATION_A_TO_B.clone();
        reserved[2] = 1;
        assertThrows(WireGuardMessageException.class, () -> classify(reserved));
    }

    @Test
    void randomAndTruncatedInputRaisesOnlyTheCodecsOwnError() {
        Random random = new Random(6);
        byte[][] seeds = {CapturedHandshake.INITIATION_A_TO_B, CapturedHandshake.RESPONSE_B_TO_A,
                CapturedHandshake.TRANSPORT_A_TO_B};
        for (int i = 0; i < 20_000; i++) {
            byte[] data;
            if (i % 2 == 0) {
                data = new byte[random.nextInt(200)];
                random.nextBytes(data);
                if (data.length > 3 && random.nextBoolean()) {
                    data[0] = (byte) (1 + random.nextInt(4));
                    data[1] = data[2] = data[3] = 0;
                }
            } else {
                byte[] seed = seeds[random.nextInt(seeds.length)];
                data = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            }
            try {
                WireGuardMessage.classify(data, 0, data.length);
                new Mac1(CapturedHandshake.B).verifies(data, 0, data.length);
            } catch (WireGuardMessageException expected) {
                // the codec's own error: fine
            }
        }
    }
}
