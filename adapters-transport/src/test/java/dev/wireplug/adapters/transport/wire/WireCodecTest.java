package dev.wireplug.adapters.transport.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Layouts from docs/protocol.md, section "Messages"; the expected bytes are written from that table. */
class WireCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 5769 section 2.1, the sample STUN request: it must never be taken for ours. */
    static final byte[] RFC5769_REQUEST = HEX.parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e20746573742063"
            + "6c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a6836"
            + "7659202020000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");

    @Test
    void transportLayoutIsByteExact() throws WireFormatException {
        byte[] ciphertext = new byte[16];
        Arrays.fill(ciphertext, (byte) 0xaa);
        byte[] encoded = WireCodec.encode(new WireMessage.Transport(0x01020304, 5, ciphertext));
        assertEquals("93010000" + "01020304" + "0000000000000005" + "aa".repeat(16), HEX.formatHex(encoded));
        WireMessage.Transport decoded = (WireMessage.Transport) WireCodec.decode(encoded);
        assertEquals(0x01020304, decoded.receiverIndex());
        assertEquals(5, decoded.counter());
        assertArrayEquals(ciphertext, decoded.ciphertext());
        assertArrayEquals(HEX.parseHex("930100000102030400000000000000005".substring(0, 32)),
                WireCodec.transportHeader(0x01020304, 0));
    }

    @Test
    void handshakeLayoutsAreByteExact() throws WireFormatException {
        byte[] noise1 = new byte[96];
        noise1[0] = 0x42;
        byte[] init = WireCodec.encode(new WireMessage.HandshakeInitiation(0xdeadbeef, noise1));
        assertEquals("91010000deadbeef42" + "00".repeat(95), HEX.formatHex(init));
        WireMessage.HandshakeInitiation i = (WireMessage.HandshakeInitiation) WireCodec.decode(init);
        assertEquals(0xdeadbeef, i.senderIndex());
        assertArrayEquals(noise1, i.noise());

        byte[] noise2 = new byte[48];
        byte[] response = WireCodec.encode(new WireMessage.HandshakeResponse(7, 0xdeadbeef, noise2));
        assertEquals("9201000000000007deadbeef" + "00".repeat(48), HEX.formatHex(response));
        WireMessage.HandshakeResponse r = (WireMessage.HandshakeResponse) WireCodec.decode(response);
        assertEquals(7, r.senderIndex());
        assertEquals(0xdeadbeef, r.receiverIndex());
    }

    @Test
    void aKeyRequestIsLongerThanItsAnswerAndBothAreByteExact() throws WireFormatException {
        byte[] request = WireCodec.encode(new WireMessage.KeyRequest());
        assertEquals("96010000" + "00".repeat(64), HEX.formatHex(request));
        assertEquals(new WireMessage.KeyRequest(), WireCodec.decode(request));
        byte[] key = new byte[32];
        key[0] = 0x11;
        key[31] = 0x22;
        byte[] answer = WireCodec.encode(new WireMessage.CoordinatorKey(key));
        assertEquals("97010000" + "11" + "00".repeat(30) + "22", HEX.formatHex(answer));
        assertArrayEquals(key, ((WireMessage.CoordinatorKey) WireCodec.decode(answer)).publicKey());
        assertTrue(answer.length < request.length, "never an amplifier");
    }

    @Test
    void aKeyRequestWithDirtyOrShortPaddingIsRejected() {
        byte[] dirty = WireCodec.encode(new WireMessage.KeyRequest());
        dirty[20] = 1;
        assertThrows(WireFormatException.class, () -> WireCodec.decode(dirty));
        byte[] shortOne = java.util.Arrays.copyOf(WireCodec.encode(new WireMessage.KeyRequest()), 36);
        assertThrows(WireFormatException.class, () -> WireCodec.decode(shortOne));
    }

    @Test
    void upgradeRequiredAndUnknownSessionAreByteExact() throws WireFormatException {
        assertEquals("94030100", HEX.formatHex(WireCodec.encode(new WireMessage.UpgradeRequired(1, 3))));
        assertEquals(new WireMessage.UpgradeRequired(1, 3), WireCodec.decode(HEX.parseHex("94030100")));
        assertEquals("9501000000000009", HEX.formatHex(WireCodec.encode(new WireMessage.UnknownSession(9))));
        assertEquals(new WireMessage.UnknownSession(9), WireCodec.decode(HEX.parseHex("9501000000000009")));
    }

    @Test
    void anUnknownVersionIsReportedWithItsNumber() {
        byte[] future = WireCodec.encode(new WireMessage.UnknownSession(9));
        future[1] = 7;
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class, () -> WireCodec.decode(future));
        assertEquals(7, e.version());
        assertTrue(WireCodec.isWireplug(future));
    }

    @Test
    void stunAndWireplugNeverOverlap() {
        assertTrue(WireCodec.isStun(RFC5769_REQUEST));
        assertFalse(WireCodec.isWireplug(RFC5769_REQUEST));
        byte[] ours = WireCodec.encode(new WireMessage.Transport(0x2112a442, 0, new byte[16]));
        assertFalse(WireCodec.isStun(ours), "our first byte has its top bits set, whatever bytes 4-7 hold");
        assertTrue(WireCodec.isWireplug(ours));
        assertInstanceOf(WireFormatException.class,
                assertThrows(WireFormatException.class, () -> WireCodec.decode(RFC5769_REQUEST)));
    }

    @Test
    void oversizedAndReservedBitsAreRefused() {
        byte[] big = WireCodec.encode(new WireMessage.Transport(1, 1, new byte[WireCodec.MAX_DATAGRAM]));
        assertThrows(WireFormatException.class, () -> WireCodec.decode(big));
        byte[] reserved = WireCodec.encode(new WireMessage.UnknownSession(9));
        reserved[3] = 1;
        assertThrows(WireFormatException.class, () -> WireCodec.decode(reserved));
    }

    @Test
    void randomAndTruncatedInputOnlyEverRaisesWireFormatException() {
        Random random = new Random(5);
        byte[][] seeds = {
            WireCodec.encode(new WireMessage.HandshakeInitiation(1, new byte[120])),
            WireCodec.encode(new WireMessage.HandshakeResponse(1, 2, new byte[60])),
            WireCodec.encode(new WireMessage.Transport(1, 2, new byte[40])),
            WireCodec.encode(new WireMessage.UpgradeRequired(1, 1)),
            WireCodec.encode(new WireMessage.UnknownSession(3)),
            RFC5769_REQUEST,
        };
        for (int round = 0; round < 20_000; round++) {
            byte[] input;
            if (round % 3 == 0) {
                input = new byte[random.nextInt(1300)];
                random.nextBytes(input);
                if (input.length > 0) {
                    input[0] = (byte) (0x91 + random.nextInt(5));
                }
            } else {
                byte[] seed = seeds[random.nextInt(seeds.length)];
                input = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                if (round % 3 == 2 && input.length > 0) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            try {
                WireCodec.decode(input);
            } catch (WireFormatException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("input " + HEX.formatHex(input) + " raised " + e, e);
            }
        }
    }
}
