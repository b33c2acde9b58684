package dev.wireplug.adapters.nat.pcp;

import static dev.wireplug.adapters.nat.Hex.bytes;
import static dev.wireplug.adapters.nat.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vectors built field by field from RFC 6887 figures 2 (request header), 3 (response header),
 * 9 (MAP request), 10 (MAP response) and 4 (option); replies shaped as miniupnpd's pcpserver.c
 * writes them (lifetime as a retry hint on errors, NO_RESOURCES for a delete of a mapping it
 * no longer has).
 */
class PcpCodecTest {
    static final byte[] CLIENT = PcpAddresses.toBytes16(ip("10.0.1.2"));
    static final byte[] NONCE = bytes("0102030405060708090a0b0c");

    static final String MAP_REQUEST =
            "02 01 0000 00001c20" // version 2, R=0 opcode MAP, reserved, lifetime 7200
            + "00000000000000000000ffff0a000102" // client IP ::ffff:10.0.1.2
            + "0102030405060708090a0b0c" // nonce
            + "11 000000 ca6c ca6c" // UDP, reserved, internal 51820, suggested external 51820
            + "00000000000000000000ffff00000000"; // suggested external ::ffff:0.0.0.0

    static final String MAP_SUCCESS =
            "02 81 00 00 00001c20 00000064 000000000000000000000000"
            + "0102030405060708090a0b0c 11 000000 ca6c ca6d"
            + "00000000000000000000ffffc6120001";

    @Test
    void buildsTheIpv4MappedClientAddressByHand() {
        assertEquals("00000000000000000000ffff0a000102", hex(CLIENT));
        assertEquals("00000000000000000000ffff00000000", hex(PcpAddresses.IPV4_UNSPECIFIED));
        assertInstanceOf(Inet4Address.class, PcpAddresses.fromBytes16(CLIENT));
        assertEquals(ip("10.0.1.2"), PcpAddresses.fromBytes16(CLIENT));
        assertEquals(ip("2001:db8::1"), PcpAddresses.fromBytes16(PcpAddresses.toBytes16(ip("2001:db8::1"))));
    }

    @Test
    void mapRequestIsSixtyBytesLaidOutAsRfc6887() {
        byte[] req = PcpCodec.mapRequest(CLIENT, 7200, NONCE, PcpCodec.PROTOCOL_UDP, 51820, 51820,
                PcpAddresses.IPV4_UNSPECIFIED, List.of());
        assertEquals(60, req.length);
        assertArrayEquals(bytes(MAP_REQUEST), req);
    }

    @Test
    void deleteIsLifetimeZeroWithTheSameNonce() {
        byte[] req = PcpCodec.mapRequest(CLIENT, 0, NONCE, PcpCodec.PROTOCOL_UDP, 51820, 0,
                PcpAddresses.IPV4_UNSPECIFIED, List.of());
        assertEquals("0201000000000000", hex(Arrays.copyOf(req, 8)));
        assertEquals("0102030405060708090a0b0c11000000ca6c0000", hex(Arrays.copyOfRange(req, 24, 44)));
    }

    @Test
    void optionsArePaddedToFourBytes() {
        byte[] req = PcpCodec.mapRequest(CLIENT, 7200, NONCE, PcpCodec.PROTOCOL_UDP, 51820, 51820,
                PcpAddresses.IPV4_UNSPECIFIED, List.of(PcpOption.preferFailure(), new PcpOption(200, bytes("abcdef"))));
        assertEquals(60 + 4 + 8, req.length);
        // PREFER_FAILURE: code 2, reserved, length 0; then code 200, length 3, data, one pad byte
        assertEquals("02000000" + "c8000003abcdef00", hex(Arrays.copyOfRange(req, 60, 72)));
    }

    @Test
    void announceRequestIsTheBareHeader() {
        assertEquals("0200000000000000" + "00000000000000000000ffff0a000102", hex(PcpCodec.announceRequest(CLIENT)));
    }

    @Test
    void decodesSuccessfulMapReply() throws Exception {
        PcpResponse.Reply r = assertInstanceOf(PcpResponse.Reply.class, PcpCodec.decode(bytes(MAP_SUCCESS)));
        assertEquals(PcpCodec.OP_MAP, r.opcode());
        assertTrue(r.isSuccess());
        assertEquals(7200, r.lifetimeSeconds());
        assertEquals(100, r.epochSeconds());
        PcpResponse.MapBody m = r.map().orElseThrow();
        assertTrue(m.nonceMatches(NONCE));
        assertEquals(17, m.protocol());
        assertEquals(51820, m.internalPort());
        assertEquals(51821, m.externalPort());
        assertEquals(ip("198.18.0.1"), m.externalAddress());
        assertEquals(List.of(), r.options());
    }

    @Test
    void decodesReplyWithEchoedOptionAndUnsignedFields() throws Exception {
        String reply = MAP_SUCCESS.replace("00001c20 00000064", "ffffffff fffffffe") + "02000000" + "c8000003abcdef00";
        PcpResponse.Reply r = assertInstanceOf(PcpResponse.Reply.class, PcpCodec.decode(bytes(reply)));
        assertEquals(0xFFFFFFFFL, r.lifetimeSeconds());
        assertEquals(0xFFFFFFFEL, r.epochSeconds());
        assertEquals(List.of(PcpOption.preferFailure(), new PcpOption(200, bytes("abcdef"))), r.options());
    }

    @Test
    void acceptsZeroPaddingAfterTheBody() throws Exception {
        PcpResponse.Reply r = assertInstanceOf(PcpResponse.Reply.class,
                PcpCodec.decode(bytes(MAP_SUCCESS + "0000000000000000")));
        assertEquals(List.of(), r.options());
    }

    @Test
    void decodesErrorRepliesWithTheirRetryHint() throws Exception {
        // miniupnpd: NO_RESOURCES when deleting a mapping it no longer has, lifetime 0
        String noResources = MAP_SUCCESS.replace("02 81 00 00 00001c20", "02 81 00 08 00000000");
        PcpResponse.Reply r = assertInstanceOf(PcpResponse.Reply.class, PcpCodec.decode(bytes(noResources)));
        assertEquals(PcpCodec.RESULT_NO_RESOURCES, r.resultCode());
        assertEquals("NO_RESOURCES", PcpCodec.describeResult(r.resultCode()));
        // NOT_AUTHORIZED with a 30 s retry hint, header only (some servers omit the body on errors)
        PcpResponse.Reply n = assertInstanceOf(PcpResponse.Reply.class,
                PcpCodec.decode(bytes("02 81 00 02 0000001e 00000064 000000000000000000000000")));
        assertEquals(2, n.resultCode());
        assertEquals(30, n.lifetimeSeconds());
        assertTrue(n.map().isEmpty());
    }

    @Test
    void decodesAnnounceReplyEpoch() throws Exception {
        PcpResponse.Reply r = assertInstanceOf(PcpResponse.Reply.class,
                PcpCodec.decode(bytes("02 80 00 00 00000000 00000005 000000000000000000000000")));
        assertEquals(PcpCodec.OP_ANNOUNCE, r.opcode());
        assertEquals(5, r.epochSeconds());
    }

    @Test
    void versionZeroReplyMeansNatPmpOnlyGateway() throws Exception {
        // RFC 6887 section 9 / RFC 6886 3.5: NAT-PMP answers version 2 with "unsupported version"
        assertEquals(new PcpResponse.NatPmpOnly(1), PcpCodec.decode(bytes("0081 0001 0000012c")));
    }

    @Test
    void rejectsMalformedReplies() {
        assertThrows(PcpException.class, () -> PcpCodec.decode(bytes("02 81 00 00")));
        assertThrows(PcpException.class, () -> PcpCodec.decode(bytes(MAP_SUCCESS.replace("02 81", "02 01"))));
        assertThrows(PcpException.class, () -> PcpCodec.decode(bytes(MAP_SUCCESS.replace("02 81", "03 81"))));
        assertThrows(PcpException.class, () -> PcpCodec.decode(bytes(MAP_SUCCESS + "00")));
        assertThrows(PcpException.class, () -> PcpCodec.decode(bytes(MAP_SUCCESS + "01000008abcd0000")));
        assertThrows(PcpException.class,
                () -> PcpCodec.decode(bytes("02 81 00 00 00001c20 00000064 000000000000000000000000")));
    }

    @Test
    void rejectsBadRequestArguments() {
        assertThrows(IllegalArgumentException.class, () -> PcpCodec.mapRequest(CLIENT, 1, new byte[11], 17, 1, 1,
                PcpAddresses.IPV4_UNSPECIFIED, List.of()));
        assertThrows(IllegalArgumentException.class, () -> PcpCodec.mapRequest(new byte[4], 1, NONCE, 17, 1, 1,
                PcpAddresses.IPV4_UNSPECIFIED, List.of()));
        assertThrows(IllegalArgumentException.class, () -> PcpCodec.mapRequest(CLIENT, 1, NONCE, 17, 0, 1,
                PcpAddresses.IPV4_UNSPECIFIED, List.of()));
        assertThrows(IllegalArgumentException.class, () -> PcpCodec.mapRequest(CLIENT, 1, NONCE, 17, 1, 1,
                PcpAddresses.IPV4_UNSPECIFIED, List.of(new PcpOption(1, new byte[1100]))));
    }

    @Test
    void randomAndTruncatedInputRaisesOnlyTheCodecsException() {
        Random random = new Random(6887);
        byte[] valid = bytes(MAP_SUCCESS + "02000000");
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(120)];
                random.nextBytes(input);
                if (input.length > 1 && i % 4 == 0) {
                    input[0] = 2;
                    input[1] = (byte) 0x81;
                }
            } else {
                input = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                if (input.length > 0) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            try {
                PcpCodec.decode(input);
            } catch (PcpException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("input " + hex(input) + " raised " + e);
            }
        }
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
    /**
     * Recorded from miniupnpd 2.3.9 in the lab (natt-lab.sh, client 10.77.0.2, WAN 198.18.77.1):
     * the same MAP request sent 3 s apart, then 1.5 s after {@code kill -USR1}. The epoch went
     * 4, 8, then back to 1: the gateway forgot its state, and the comparison RFC 6887 section 8.5
     * asks for says so, while the first two (4 s apart on our clock, 4 on its) do not.
     */
    static final String RECORDED_REQUEST = "020100000000007800000000000000000000ffff0a4d0002"
            + "0102030405060708090a0b0c11000000ca6cca6c00000000000000000000ffff00000000";
    static final String RECORDED_BEFORE = "0281000000000078000000040000000000000000000000000102030405060708090a0b0c"
            + "11000000ca6cca6c00000000000000000000ffffc6124d01";
    static final String RECORDED_LATER = "0281000000000078000000080000000000000000000000000102030405060708090a0b0c"
            + "11000000ca6cca6c00000000000000000000ffffc6124d01";
    static final String RECORDED_AFTER_USR1 = "0281000000000078000000010000000000000000000000000102030405060708090a0b0c"
            + "11000000ca6cca6c00000000000000000000ffffc6124d01";

    @Test
    void recordedMiniupnpdEpochResetAfterSigusr1() throws Exception {
        byte[] request = PcpCodec.mapRequest(PcpAddresses.toBytes16(ip("10.77.0.2")), 120, NONCE,
                PcpCodec.PROTOCOL_UDP, 51820, 51820, PcpAddresses.IPV4_UNSPECIFIED, List.of());
        assertEquals(RECORDED_REQUEST, hex(request), "our request is byte for byte the one recorded");
        java.time.Instant t0 = java.time.Instant.parse("2026-12-08T05:00:00Z");
        PcpResponse.Reply before = (PcpResponse.Reply) PcpCodec.decode(bytes(RECORDED_BEFORE));
        PcpResponse.Reply later = (PcpResponse.Reply) PcpCodec.decode(bytes(RECORDED_LATER));
        PcpResponse.Reply after = (PcpResponse.Reply) PcpCodec.decode(bytes(RECORDED_AFTER_USR1));
        assertEquals(List.of(4L, 8L, 1L), List.of(before.epochSeconds(), later.epochSeconds(), after.epochSeconds()));
        for (PcpResponse.Reply r : List.of(before, later, after)) {
            assertTrue(r.isSuccess());
            assertEquals(120, r.lifetimeSeconds());
            assertEquals(51820, r.map().orElseThrow().externalPort());
            assertEquals(ip("198.18.77.1"), r.map().orElseThrow().externalAddress());
            assertArrayEquals(NONCE, r.map().orElseThrow().nonce());
        }
        dev.wireplug.domain.nat.GatewayEpoch e1 = new dev.wireplug.domain.nat.GatewayEpoch(4, t0);
        dev.wireplug.domain.nat.GatewayEpoch e2 = new dev.wireplug.domain.nat.GatewayEpoch(8, t0.plusSeconds(4));
        dev.wireplug.domain.nat.GatewayEpoch e3 = new dev.wireplug.domain.nat.GatewayEpoch(1, t0.plusSeconds(6));
        assertTrue(!e2.showsResetSince(e1), "4 s on both clocks: no reset");
        assertTrue(e3.showsResetSince(e2), "the epoch went back: reset");
    }
}
