package dev.wireplug.adapters.nat.stun;

import static dev.wireplug.adapters.nat.Hex.bytes;
import static dev.wireplug.adapters.nat.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 5769 (STUN test vectors) sections 2.1-2.3, password "VOkJxbRl1RmTxUk/WvJxBt". */
class StunCodecTest {
    static final byte[] KEY = StunCodec.shortTermKey("VOkJxbRl1RmTxUk/WvJxBt");
    static final byte[] TXID = bytes("b7e7a701bc34d686fa87dfae");

    static final String REQUEST_2_1 = "000100582112a442b7e7a701bc34d686fa87dfae"
            + "80220010" + "5354554e20746573742063 6c69656e74"
            + "00240004" + "6e0001ff"
            + "80290008" + "932ff9b151263b36"
            + "00060009" + "6576746a3a68367659202020"
            + "00080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004" + "e57a3bcf";

    static final String RESPONSE_2_2 = "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b" + "7465737420766563746f7220"
            + "00200008" + "0001a147e112a643"
            + "00080014" + "2b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004" + "c07d4c96";

    static final String RESPONSE_2_3 = "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b" + "7465737420766563746f7220"
            + "00200014" + "0002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014" + "a382954e4be67bf11784c97c8292c275bfe3ed41"
            + "80280004" + "c8fb0b4c";

    @Test
    void rfc5769RequestHasValidFingerprintAndIntegrity() throws Exception {
        byte[] msg = bytes(REQUEST_2_1);
        StunMessage m = StunCodec.decode(msg);
        assertEquals(StunCodec.BINDING_REQUEST, m.type());
        assertTrue(m.hasTransactionId(TXID));
        assertEquals(Optional.of(true), m.fingerprintValid());
        assertTrue(StunCodec.integrityValid(msg, m, KEY));
        assertFalse(StunCodec.integrityValid(msg, m, StunCodec.shortTermKey("wrong")));
    }

    @Test
    void rfc5769Ipv4ResponseMapsTo192_0_2_1Port32853() throws Exception {
        byte[] msg = bytes(RESPONSE_2_2);
        StunMessage m = StunCodec.decode(msg);
        assertTrue(m.isBindingSuccess());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)), m.mapped());
        assertEquals(Optional.of(true), m.fingerprintValid());
        assertTrue(StunCodec.integrityValid(msg, m, KEY));
    }

    @Test
    void rfc5769Ipv6ResponseUsesTheTransactionIdInTheXor() throws Exception {
        byte[] msg = bytes(RESPONSE_2_3);
        StunMessage m = StunCodec.decode(msg);
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853)),
                m.mapped());
        assertEquals(Optional.of(true), m.fingerprintValid());
        assertTrue(StunCodec.integrityValid(msg, m, KEY));
    }

    @Test
    void corruptedFingerprintIsReported() throws Exception {
        byte[] msg = bytes(RESPONSE_2_2);
        msg[msg.length - 1] ^= 1;
        assertEquals(Optional.of(false), StunCodec.decode(msg).fingerprintValid());
    }

    @Test
    void bindingRequestLayout() {
        // RFC 8489 section 5: type 0x0001, length, cookie, transaction id; RFC 5780 7.2 CHANGE-REQUEST
        assertEquals("000100002112a442" + "b7e7a701bc34d686fa87dfae", hex(StunCodec.bindingRequest(TXID, 0, false)));
        assertEquals("000100082112a442" + "b7e7a701bc34d686fa87dfae" + "0003000400000006",
                hex(StunCodec.bindingRequest(TXID, StunCodec.CHANGE_IP | StunCodec.CHANGE_PORT, false)));
    }

    @Test
    void ownFingerprintVerifies() throws Exception {
        byte[] req = StunCodec.bindingRequest(TXID, StunCodec.CHANGE_PORT, true);
        assertEquals(36, req.length);
        assertEquals(Optional.of(true), StunCodec.decode(req).fingerprintValid());
    }

    @Test
    void fallsBackToMappedAddressAndReadsRfc5780Addresses() throws Exception {
        String msg = "010100242112a442b7e7a701bc34d686fa87dfae"
                + "00010008" + "0001d431c6120001" // MAPPED-ADDRESS 198.18.0.1:54321
                + "802c0008" + "00010d97c6120002" // OTHER-ADDRESS 198.18.0.2:3479
                + "802b0008" + "00010d96c6120001"; // RESPONSE-ORIGIN 198.18.0.1:3478
        StunMessage m = StunCodec.decode(bytes(msg));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("198.18.0.1"), 54321)), m.mapped());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 3479)), m.otherAddress());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("198.18.0.1"), 3478)), m.responseOrigin());
        assertEquals(Optional.empty(), m.fingerprintValid());
    }

    @Test
    void readsErrorCode() throws Exception {
        String msg = "011100102112a442b7e7a701bc34d686fa87dfae" + "0009000c" + "00000414" + "556e6b6e6f776e21";
        assertEquals(Optional.of(420), StunCodec.decode(bytes(msg)).errorCode());
    }

    @Test
    void rejectsMalformedMessages() {
        assertThrows(StunException.class, () -> StunCodec.decode(bytes("0001000021")));
        assertThrows(StunException.class, () -> StunCodec.decode(bytes("000100002112a443b7e7a701bc34d686fa87dfae")));
        assertThrows(StunException.class, () -> StunCodec.decode(bytes("c00100002112a442b7e7a701bc34d686fa87dfae")));
        assertThrows(StunException.class, () -> StunCodec.decode(bytes("000100042112a442b7e7a701bc34d686fa87dfae")));
        assertThrows(StunException.class,
                () -> StunCodec.decode(bytes("000100082112a442b7e7a701bc34d686fa87dfae" + "0020000c00010000")));
        assertThrows(StunException.class,
                () -> StunCodec.decode(bytes("000100082112a442b7e7a701bc34d686fa87dfae" + "0020000400030000")));
    }

    @Test
    void randomAndTruncatedInputRaisesOnlyTheCodecsException() {
        Random random = new Random(8489);
        byte[][] valid = {bytes(REQUEST_2_1), bytes(RESPONSE_2_2), bytes(RESPONSE_2_3)};
        for (int i = 0; i < 30_000; i++) {
            byte[] v = valid[i % 3];
            byte[] input;
            if (i % 4 == 0) {
                input = new byte[random.nextInt(120)];
                random.nextBytes(input);
                if (input.length >= 20) {
                    System.arraycopy(v, 0, input, 0, 8);
                }
            } else {
                input = Arrays.copyOf(v, random.nextInt(v.length + 1));
                if (input.length > 0) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            try {
                StunMessage m = StunCodec.decode(input);
                StunCodec.integrityValid(input, m, KEY);
            } catch (StunException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("input " + hex(input) + " raised " + e);
            }
        }
    }
}
