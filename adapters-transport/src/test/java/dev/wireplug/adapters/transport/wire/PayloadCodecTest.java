package dev.wireplug.adapters.transport.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Layouts from docs/protocol.md, section "Payloads"; expected bytes written from that table. */
class PayloadCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final PublicKey KEY_11 = PublicKey.of(filled(0x11));
    private static final Payload.Announce ANNOUNCE = new Payload.Announce(7, 51820, NatKind.FIXED_MAPPING,
            Optional.of(Endpoint.parse("198.51.100.7:40000")), false,
            List.of(new Payload.WantedPeer(KEY_11, SealedHint.of(new byte[] {(byte) 0xab, (byte) 0xcd}))));
    private static final String ANNOUNCE_BODY = "00000007" + "ca6c" + "02" + "00" + "04c63364079c40" + "01"
            + "11".repeat(32) + "02abcd";

    static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void announceIsByteExact() throws WireFormatException {
        assertEquals("03" + ANNOUNCE_BODY, HEX.formatHex(PayloadCodec.encode(ANNOUNCE)));
        assertEquals(ANNOUNCE, PayloadCodec.decode(HEX.parseHex("03" + ANNOUNCE_BODY)));
    }

    @Test
    void helloIsATai64nLabelThenTheAnnounceBody() throws WireFormatException {
        // TAI64N of 2026-01-01T00:00:00.5Z: 2^62 + 1767225600 seconds, 500000000 ns.
        Payload.Hello hello = new Payload.Hello(new Tai64n(1767225600L, 500_000_000), ANNOUNCE);
        String expected = "01" + "400000006955b900" + "1dcd6500" + ANNOUNCE_BODY;
        assertEquals(expected, HEX.formatHex(PayloadCodec.encode(hello)));
        assertEquals(hello, PayloadCodec.decode(HEX.parseHex(expected)));
    }

    @Test
    void welcomeAckKeepaliveAndErrorAreByteExact() throws WireFormatException {
        check(new Payload.Welcome(Endpoint.parse("[2001:db8::1]:3478"), 25, 120),
                "02" + "06" + "20010db8000000000000000000000001" + "0d96" + "0019" + "0078");
        check(new Payload.AnnounceAck(7, 2), "04" + "00000007" + "0002");
        check(new Payload.Keepalive(), "06");
        check(new Payload.PathChallenge(0x0102030405060708L), "08" + "0102030405060708");
        check(new Payload.PathResponse(-1L), "09" + "ffffffffffffffff");
        check(new Payload.Error(2, "hé"), "07" + "0002" + "03" + "68c3a9");
    }

    @Test
    void peerInfoIsByteExact() throws WireFormatException {
        PeerView view = new PeerView(KEY_11, Endpoint.parse("203.0.113.5:61000"), 51820, NatKind.NO_MAPPING,
                Optional.empty(), SealedHint.none(), Optional.of(Endpoint.parse("192.0.2.9:3479")));
        check(new Payload.PeerInfo(view),
                "05" + "11".repeat(32) + "04cb007105ee48" + "ca6c" + "01" + "00" + "04c00002090d97" + "00");
        check(new Payload.Push(0x0a0b0c0d, view),
                "0a" + "0a0b0c0d" + "11".repeat(32) + "04cb007105ee48" + "ca6c" + "01" + "00" + "04c00002090d97" + "00");
        check(new Payload.PushAck(3), "0b" + "00000003");
    }

    @Test
    void pathReportIsTheKeyThenOneCode() throws WireFormatException {
        check(new Payload.PathReport(KEY_11, DirectPathReport.DIRECT_FAILING), "0c" + "11".repeat(32) + "01");
        check(new Payload.PathReport(KEY_11, DirectPathReport.DIRECT_WORKS), "0c" + "11".repeat(32) + "02");
        assertThrows(WireFormatException.class, () -> PayloadCodec.decode(HEX.parseHex("0c" + "11".repeat(32) + "03")));
        assertThrows(WireFormatException.class, () -> PayloadCodec.decode(HEX.parseHex("0c" + "11".repeat(32) + "00")));
    }

    private static void check(Payload payload, String hex) throws WireFormatException {
        assertEquals(hex, HEX.formatHex(PayloadCodec.encode(payload)));
        assertEquals(payload, PayloadCodec.decode(HEX.parseHex(hex)));
    }

    @Test
    void errorTextIsCutAtTheLimitWithoutSplittingACharacter() throws WireFormatException {
        Payload.Error long_ = new Payload.Error(1, "é".repeat(150));
        Payload.Error decoded = (Payload.Error) PayloadCodec.decode(PayloadCodec.encode(long_));
        assertEquals("é".repeat(100), decoded.text());
    }

    @Test
    void trailingBytesUnknownKindsAndBadCodesAreRefused() {
        assertThrows(WireFormatException.class, () -> PayloadCodec.decode(HEX.parseHex("0600")));
        assertThrows(WireFormatException.class, () -> PayloadCodec.decode(HEX.parseHex("ff")));
        assertThrows(WireFormatException.class, () -> PayloadCodec.decode(new byte[0]));
        String badNat = "03" + ANNOUNCE_BODY.substring(0, 12) + "09" + ANNOUNCE_BODY.substring(14);
        assertThrows(WireFormatException.class, () -> PayloadCodec.decode(HEX.parseHex(badNat)));
        String portZero = "03" + "00000007" + "0000" + ANNOUNCE_BODY.substring(12);
        assertThrows(WireFormatException.class, () -> PayloadCodec.decode(HEX.parseHex(portZero)));
    }

    @Test
    void randomAndTruncatedInputOnlyEverRaisesWireFormatException() {
        Random random = new Random(7);
        byte[][] seeds = {
            PayloadCodec.encode(ANNOUNCE),
            PayloadCodec.encode(new Payload.Hello(new Tai64n(1, 2), ANNOUNCE)),
            PayloadCodec.encode(new Payload.Welcome(Endpoint.parse("192.0.2.1:1"), 1, 1)),
            PayloadCodec.encode(new Payload.AnnounceAck(1, 1)),
            PayloadCodec.encode(new Payload.PeerInfo(new PeerView(KEY_11, Endpoint.parse("192.0.2.1:1"), 1,
                    NatKind.UNKNOWN, Optional.of(Endpoint.parse("[::1]:2")), SealedHint.of(new byte[9]), Optional.empty()))),
            PayloadCodec.encode(new Payload.Error(1, "x")),
            PayloadCodec.encode(new Payload.PathChallenge(5)),
            PayloadCodec.encode(new Payload.PathReport(KEY_11, DirectPathReport.DIRECT_WORKS)),
        };
        for (int round = 0; round < 30_000; round++) {
            byte[] input;
            if (round % 3 == 0) {
                input = new byte[random.nextInt(400)];
                random.nextBytes(input);
                if (input.length > 0) {
                    input[0] = (byte) (1 + random.nextInt(12));
                }
            } else {
                byte[] seed = seeds[random.nextInt(seeds.length)];
                input = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                if (round % 3 == 2 && input.length > 0) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                PayloadCodec.decode(input);
            } catch (WireFormatException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("input " + HEX.formatHex(input) + " raised " + e, e);
            }
        }
    }
}
