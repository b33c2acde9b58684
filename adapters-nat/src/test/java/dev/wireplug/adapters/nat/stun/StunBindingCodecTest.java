package dev.wireplug.adapters.nat.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.adapters.nat.stun.StunBindingCodec.BindingResponse;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunBindingCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 5769 section 2.2, "Sample IPv4 Response": transaction id, SOFTWARE "test vector",
    // XOR-MAPPED-ADDRESS 192.0.2.1:32853, MESSAGE-INTEGRITY, FINGERPRINT.
    private static final byte[] TXID = HEX.parseHex("b7e7a701bc34d686fa87dfae");
    private static final byte[] RFC5769_IPV4_RESPONSE = HEX.parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004c07d4c96");
    // RFC 5769 section 2.3, "Sample IPv6 Response": XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853.
    private static final byte[] RFC5769_IPV6_RESPONSE = HEX.parseHex(
            "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41"
            + "80280004c8fb0b4c");

    @Test
    void encodesABindingRequest() {
        assertArrayEquals(HEX.parseHex("000100002112a442b7e7a701bc34d686fa87dfae"),
                StunBindingCodec.bindingRequest(TXID));
    }

    @Test
    void decodesTheRfc5769Ipv4Response() throws StunException {
        BindingResponse response = StunBindingCodec.decode(RFC5769_IPV4_RESPONSE, RFC5769_IPV4_RESPONSE.length, TXID);
        assertEquals(new InetSocketAddress("192.0.2.1", 32853), response.mapped());
        assertEquals(Optional.empty(), response.otherAddress());
    }

    @Test
    void decodesTheRfc5769Ipv6Response() throws StunException {
        BindingResponse response = StunBindingCodec.decode(RFC5769_IPV6_RESPONSE, RFC5769_IPV6_RESPONSE.length, TXID);
        assertEquals(new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853), response.mapped());
    }

    @Test
    void readsOtherAddressAndFallsBackToMappedAddress() throws StunException {
        // A Binding response with MAPPED-ADDRESS 198.18.1.1:40000 and OTHER-ADDRESS 198.18.0.11:3479.
        byte[] response = HEX.parseHex("010100182112a442" + "b7e7a701bc34d686fa87dfae"
                + "0001000800019c40c6120101" + "802c000800010d97c612000b");
        BindingResponse decoded = StunBindingCodec.decode(response, response.length, TXID);
        assertEquals(new InetSocketAddress("198.18.1.1", 40000), decoded.mapped());
        assertEquals(Optional.of(new InetSocketAddress("198.18.0.11", 3479)), decoded.otherAddress());
    }

    @Test
    void rejectsOtherTransactionsErrorsAndTruncation() {
        byte[] otherId = TXID.clone();
        otherId[0] ^= 1;
        assertThrows(StunException.class,
                () -> StunBindingCodec.decode(RFC5769_IPV4_RESPONSE, RFC5769_IPV4_RESPONSE.length, otherId));
        byte[] error = RFC5769_IPV4_RESPONSE.clone();
        error[0] = 0x01;
        error[1] = 0x11;
        assertThrows(StunException.class, () -> StunBindingCodec.decode(error, error.length, TXID));
        for (int length = 0; length < RFC5769_IPV4_RESPONSE.length; length++) {
            int n = length;
            assertThrows(StunException.class, () -> StunBindingCodec.decode(RFC5769_IPV4_RESPONSE, n, TXID),
                    "truncated to " + n);
        }
    }

    @Test
    void randomInputOnlyEverRaisesStunException() {
        Random random = new Random(5769);
        for (int i = 0; i < 20_000; i++) {
            byte[] datagram = new byte[random.nextInt(120)];
            random.nextBytes(datagram);
            if (datagram.length > 20 && random.nextBoolean()) {
                System.arraycopy(RFC5769_IPV4_RESPONSE, 0, datagram, 0, 20);
            }
            try {
                StunBindingCodec.decode(datagram, datagram.length, TXID);
            } catch (StunException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("random input raised " + e, e);
            }
        }
    }
}
