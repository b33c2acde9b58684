package dev.wireplug.adapters.transport.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunServerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String TXID = "b7e7a701bc34d686fa87dfae";

    /** RFC 5769 section 2.1: sample request (SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY, FINGERPRINT). */
    static final byte[] RFC5769_REQUEST = HEX.parseHex(
            "000100582112a442" + TXID + "802200105354554e207465737420636c69656e74"
            + "002400046e0001ff" + "80290008932ff9b151263b36" + "000600096576746a3a68367659202020"
            + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2" + "80280004e57a3bcf");
    /** RFC 5769 section 2.2: sample IPv4 response; 192.0.2.1:32853. */
    static final byte[] RFC5769_RESPONSE_V4 = HEX.parseHex(
            "0101003c2112a442" + TXID + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643" + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7" + "80280004c07d4c96");
    /** RFC 5769 section 2.3: sample IPv6 response; [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    static final byte[] RFC5769_RESPONSE_V6 = HEX.parseHex(
            "010100482112a442" + TXID + "8022000b7465737420766563746f7220"
            + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41" + "80280004c8fb0b4c");

    private static final InetSocketAddress A1P1 = new InetSocketAddress("192.0.2.10", 3478);
    private static final InetSocketAddress A2P2 = new InetSocketAddress("192.0.2.20", 3479);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 32853);

    @Test
    void theRfc5769RequestParsesWithItsFingerprintVerified() throws StunFormatException {
        StunRequest request = StunCodec.parseRequest(RFC5769_REQUEST);
        assertEquals(TXID, HEX.formatHex(request.transactionId()));
        assertTrue(request.fingerprint());
        assertFalse(request.classic());
        // PRIORITY (0x0024) is comprehension-required and ICE's, not ours.
        assertEquals(List.of(0x0024), request.unknownRequired());
    }

    @Test
    void ourFingerprintMatchesBothRfc5769Responses() {
        assertEquals(0xc07d4c96, StunCodec.crc(RFC5769_RESPONSE_V4, RFC5769_RESPONSE_V4.length - 8));
        assertEquals(0xc8fb0b4c, StunCodec.crc(RFC5769_RESPONSE_V6, RFC5769_RESPONSE_V6.length - 8));
        assertEquals(0xe57a3bcf, StunCodec.crc(RFC5769_REQUEST, RFC5769_REQUEST.length - 8));
    }

    @Test
    void xorMappedAddressesAreTheRfc5769Bytes() throws Exception {
        byte[] cookieAndId = HEX.parseHex("2112a442" + TXID);
        assertEquals("0001a147e112a643", HEX.formatHex(StunCodec.address(CLIENT, cookieAndId)));
        assertEquals("0002a1470113a9faa5d3f179bc25f4b5bed2b9d9", HEX.formatHex(StunCodec.address(
                new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853), cookieAndId)));
    }

    @Test
    void aPlainBindingRequestGetsEveryAddressAttributeByteForByte() throws StunFormatException {
        byte[] request = HEX.parseHex("000100002112a442" + TXID);
        StunServer server = new StunServer(new StunServer.Topology(A1P1, Optional.of(A2P2)));
        StunServer.Reply reply = server.respond(request, CLIENT, A1P1).orElseThrow();
        assertEquals(A1P1, reply.from());
        assertEquals("01010030" + "2112a442" + TXID
                + "00200008" + "0001a147e112a643"     // XOR-MAPPED-ADDRESS 192.0.2.1:32853 (as RFC 5769)
                + "00010008" + "00018055c0000201"     // MAPPED-ADDRESS 192.0.2.1:32853
                + "802b0008" + "00010d96c000020a"     // RESPONSE-ORIGIN 192.0.2.10:3478
                + "802c0008" + "00010d97c0000214",    // OTHER-ADDRESS 192.0.2.20:3479
                HEX.formatHex(reply.datagram()));
    }

    @Test
    void aFingerprintIsAddedOnlyWhenTheRequestHadOne() throws StunFormatException {
        byte[] request = withFingerprint(HEX.parseHex("000100002112a442" + TXID));
        StunServer server = new StunServer(new StunServer.Topology(A1P1, Optional.empty()));
        byte[] response = server.respond(request, CLIENT, A1P1).orElseThrow().datagram();
        assertEquals("80280004", HEX.formatHex(Arrays.copyOfRange(response, response.length - 8, response.length - 4)));
        assertEquals(StunCodec.crc(response, response.length - 8),
                (int) Long.parseLong(HEX.formatHex(Arrays.copyOfRange(response, response.length - 4, response.length)), 16));
        byte[] plain = server.respond(HEX.parseHex("000100002112a442" + TXID), CLIENT, A1P1).orElseThrow().datagram();
        assertEquals(response.length - 8, plain.length);
    }

    @Test
    void changeRequestIsAnsweredFromTheSocketThatDiffersInWhatWasAsked() {
        StunServer server = new StunServer(new StunServer.Topology(A1P1, Optional.of(A2P2)));
        assertEquals(A2P2, server.respond(changeRequest(6), CLIENT, A1P1).orElseThrow().from());
        assertEquals(new InetSocketAddress("192.0.2.10", 3479), server.respond(changeRequest(2), CLIENT, A1P1).orElseThrow().from());
        assertEquals(new InetSocketAddress("192.0.2.20", 3478), server.respond(changeRequest(4), CLIENT, A1P1).orElseThrow().from());
        assertEquals(A1P1, server.respond(changeRequest(6), CLIENT, A2P2).orElseThrow().from());
        assertEquals(4, new StunServer.Topology(A1P1, Optional.of(A2P2)).sockets().size());
    }

    @Test
    void withoutAnAlternateAChangeRequestGets420() {
        StunServer server = new StunServer(new StunServer.Topology(A1P1, Optional.empty()));
        byte[] reply = server.respond(changeRequest(6), CLIENT, A1P1).orElseThrow().datagram();
        assertEquals("0111", HEX.formatHex(reply, 0, 2));
        assertTrue(HEX.formatHex(reply).contains("000a00020003"), "UNKNOWN-ATTRIBUTES lists CHANGE-REQUEST");
    }

    @Test
    void anRfc3489ClientGetsMappedSourceAndChangedAddress() {
        byte[] request = HEX.parseHex("00010000" + "0123456789abcdef0123456789abcdef");
        StunServer server = new StunServer(new StunServer.Topology(A1P1, Optional.of(A2P2)));
        byte[] reply = server.respond(request, CLIENT, A1P1).orElseThrow().datagram();
        assertEquals("01010024" + "0123456789abcdef0123456789abcdef"
                + "00010008" + "00018055c0000201"
                + "00040008" + "00010d96c000020a"
                + "00050008" + "00010d97c0000214", HEX.formatHex(reply));
    }

    @Test
    void malformedRequestsAreRefused() {
        assertThrows(StunFormatException.class, () -> StunCodec.parseRequest(new byte[19]));
        byte[] badFingerprint = withFingerprint(HEX.parseHex("000100002112a442" + TXID));
        badFingerprint[badFingerprint.length - 1] ^= 1;
        assertThrows(StunFormatException.class, () -> StunCodec.parseRequest(badFingerprint));
        assertThrows(StunFormatException.class, () -> StunCodec.parseRequest(RFC5769_RESPONSE_V4));
        byte[] wrongLength = HEX.parseHex("000100042112a442" + TXID);
        assertThrows(StunFormatException.class, () -> StunCodec.parseRequest(wrongLength));
    }

    @Test
    void randomAndTruncatedInputOnlyEverRaisesStunFormatException() {
        Random random = new Random(11);
        for (int round = 0; round < 30_000; round++) {
            byte[] input;
            if (round % 2 == 0) {
                input = Arrays.copyOf(RFC5769_REQUEST, random.nextInt(RFC5769_REQUEST.length + 1));
                if (input.length > 4) {
                    input[4 + random.nextInt(input.length - 4)] = (byte) random.nextInt(256);
                }
            } else {
                input = new byte[20 + random.nextInt(200)];
                random.nextBytes(input);
                input[0] = 0;
                input[1] = 1;
                int length = input.length - 20;
                input[2] = (byte) (length >>> 8);
                input[3] = (byte) length;
            }
            try {
                StunCodec.parseRequest(input);
            } catch (StunFormatException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("input " + HEX.formatHex(input) + " raised " + e, e);
            }
        }
    }

    private static byte[] changeRequest(int flags) {
        return HEX.parseHex("000100082112a442" + TXID + "00030004000000" + String.format("%02x", flags));
    }

    private static byte[] withFingerprint(byte[] request) {
        byte[] out = Arrays.copyOf(request, request.length + 8);
        int length = out.length - 20;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        int crc = StunCodec.crc(out, request.length);
        byte[] attr = {(byte) 0x80, 0x28, 0, 4, (byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
        System.arraycopy(attr, 0, out, request.length, 8);
        return out;
    }
}
