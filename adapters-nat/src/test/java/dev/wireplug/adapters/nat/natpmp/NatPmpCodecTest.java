package dev.wireplug.adapters.nat.natpmp;

import static dev.wireplug.adapters.nat.Hex.bytes;
import static dev.wireplug.adapters.nat.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vectors follow the layouts of RFC 6886 sections 3.2-3.5; the map request is what
 * {@code natpmpc -a 40000 40000 udp 3600} (libnatpmp sendnewportmappingrequest) puts on the wire,
 * the replies are laid out as miniupnpd's natpmp.c ProcessIncomingNATPMPPacket builds them.
 */
class NatPmpCodecTest {

    @Test
    void externalAddressRequestIsVersionAndOpcodeOnly() {
        assertArrayEquals(bytes("0000"), NatPmpCodec.externalAddressRequest());
    }

    @Test
    void mapRequestMatchesNatpmpcOnTheWire() {
        // version 0, opcode 1 (UDP), reserved 0, internal 40000, external 40000, lifetime 3600
        assertEquals("000100009c409c4000000e10", hex(NatPmpCodec.mapRequest(NatPmpCodec.OP_MAP_UDP, 40000, 40000, 3600)));
    }

    @Test
    void deleteRequestHasLifetimeZeroAndSuggestedPortZero() {
        assertEquals("00010000ca6c000000000000", hex(NatPmpCodec.mapRequest(NatPmpCodec.OP_MAP_UDP, 51820, 0, 0)));
    }

    @Test
    void mapRequestCarriesUnsignedMaximums() {
        assertEquals("00020000ffffffffffffffff", hex(NatPmpCodec.mapRequest(NatPmpCodec.OP_MAP_TCP, 65535, 65535, 0xFFFFFFFFL)));
    }

    @Test
    void mapRequestRejectsInternalPortZeroWhichWouldDeleteAll() {
        assertThrows(IllegalArgumentException.class, () -> NatPmpCodec.mapRequest(1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NatPmpCodec.mapRequest(3, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> NatPmpCodec.mapRequest(1, 1, 1, -1));
    }

    @Test
    void decodesExternalAddressReply() throws Exception {
        NatPmpReply reply = NatPmpCodec.decode(bytes("0080 0000 0000012c c6120001"));
        NatPmpReply.ExternalAddress a = assertInstanceOf(NatPmpReply.ExternalAddress.class, reply);
        assertEquals(0, a.resultCode());
        assertEquals(300, a.epochSeconds());
        assertEquals(Optional.of(InetAddress.getByName("198.18.0.1")), a.address().map(InetAddress.class::cast));
    }

    @Test
    void decodesMapReplyWithAnotherPortGranted() throws Exception {
        // miniupnpd moved to the next free port: 40000 -> 40001
        NatPmpReply.Mapping m = assertInstanceOf(NatPmpReply.Mapping.class,
                NatPmpCodec.decode(bytes("0081 0000 0000012c 9c40 9c41 00000e10")));
        assertEquals(129, m.opcode());
        assertEquals(40000, m.internalPort());
        assertEquals(40001, m.externalPort());
        assertEquals(3600, m.lifetimeSeconds());
        assertEquals(300, m.epochSeconds());
    }

    @Test
    void readsEveryFieldUnsigned() throws Exception {
        NatPmpReply.Mapping m = assertInstanceOf(NatPmpReply.Mapping.class,
                NatPmpCodec.decode(bytes("0082 0000 ffffffff ffff fffe ffffffff")));
        assertEquals(0xFFFFFFFFL, m.epochSeconds());
        assertEquals(65535, m.internalPort());
        assertEquals(65534, m.externalPort());
        assertEquals(0xFFFFFFFFL, m.lifetimeSeconds());
    }

    @Test
    void decodesEachResultCode() throws Exception {
        for (int code = 0; code <= 5; code++) {
            NatPmpReply r = NatPmpCodec.decode(bytes("0081 000" + code + " 00000010 9c40 0000 00000000"));
            assertEquals(code, r.resultCode());
            assertEquals(code == 0, r.isSuccess());
        }
        assertEquals("not authorized/refused", NatPmpCodec.describeResult(2));
        assertEquals("out of resources", NatPmpCodec.describeResult(4));
    }

    @Test
    void shortErrorRepliesDecodeAsErrors() throws Exception {
        // RFC 6886 3.5: an unsupported opcode/version reply carries just the 8-byte header.
        NatPmpReply r = NatPmpCodec.decode(bytes("0081 0005 00000010"));
        assertEquals(new NatPmpReply.Error(129, 5, 16), r);
        NatPmpReply.ExternalAddress a = assertInstanceOf(NatPmpReply.ExternalAddress.class,
                NatPmpCodec.decode(bytes("0080 0003 00000010")));
        assertEquals(Optional.empty(), a.address());
    }

    @Test
    void rejectsTruncatedSuccessRequestsAndOtherVersions() {
        assertThrows(NatPmpException.class, () -> NatPmpCodec.decode(bytes("0081 0000 00000010 9c40")));
        assertThrows(NatPmpException.class, () -> NatPmpCodec.decode(bytes("0080 0000 00000010")));
        assertThrows(NatPmpException.class, () -> NatPmpCodec.decode(bytes("0001 0000 00000010")));
        assertThrows(NatPmpException.class, () -> NatPmpCodec.decode(bytes("0281 0000 00000010 9c40 9c40 00000e10")));
        assertThrows(NatPmpException.class, () -> NatPmpCodec.decode(bytes("0080 00")));
    }

    @Test
    void randomAndTruncatedInputRaisesOnlyTheCodecsException() {
        Random random = new Random(6886);
        byte[] valid = bytes("0081 0000 0000012c 9c40 9c41 00000e10");
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(40)];
                random.nextBytes(input);
                if (i % 4 == 0 && input.length > 0) {
                    input[0] = 0;
                }
            } else {
                input = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                if (input.length > 0) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            try {
                NatPmpCodec.decode(input);
            } catch (NatPmpException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("input " + hex(input) + " raised " + e);
            }
        }
    }
}
