package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vectors from the cross-platform userspace documentation, https://www.wireguard.com/xplatform/
 * ("Configuration Protocol": the example {@code set=1} request and {@code get=1} answer, keys in
 * lowercase hex). Where our request differs from the page it is said at the vector.
 */
class UapiCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PRIVATE = "e84b5a6d2717c1003a13b431570353dbaca9146cf150c5f8575680feba52027a";
    private static final String PEER1 = "b85996fecc9c7f1fc6d2572a76eda11d59bcd20be8e543b15ce4bd85a8e75a33";
    private static final String PEER2 = "58402e695ba1772b1cc9309755f043251ea77fdcf10fbe63989ceb7e19321376";
    private static final String PEER3 = "662e14fd594556f522604703340351258903b64f35553763f19426ab2a515c58";
    private static final String PEER4 = "e818b58db5274087fcc1be5dc728cf53d3b5726b4cef6b9bab8f8f8c2452c25c";

    /** The page's get=1 answer, verbatim (three peers, scoped IPv6 endpoint, preshared key). */
    static final String XPLATFORM_GET = """
            private_key=e84b5a6d2717c1003a13b431570353dbaca9146cf150c5f8575680feba52027a
            listen_port=12912
            public_key=b85996fecc9c7f1fc6d2572a76eda11d59bcd20be8e543b15ce4bd85a8e75a33
            preshared_key=188515093e952f5f22e865cef3012e72f8b5f0b598ac0309d5dacce3b70fcf52
            allowed_ip=192.168.4.4/32
            endpoint=[abcd:23::33%2]:51820
            public_key=58402e695ba1772b1cc9309755f043251ea77fdcf10fbe63989ceb7e19321376
            tx_bytes=38333
            rx_bytes=2224
            allowed_ip=192.168.4.6/32
            persistent_keepalive_interval=111
            endpoint=182.122.22.19:3233
            public_key=662e14fd594556f522604703340351258903b64f35553763f19426ab2a515c58
            endpoint=5.152.198.39:51820
            allowed_ip=192.168.4.10/32
            allowed_ip=192.168.4.11/32
            tx_bytes=1212111
            rx_bytes=1929999999
            protocol_version=1
            errno=0

            """;

    private static PublicKey pub(String hex) {
        return PublicKey.of(HEX.parseHex(hex));
    }

    @Test
    void getRequestIsGetOneAndAnEmptyLine() {
        assertArrayEquals("get=1\n\n".getBytes(StandardCharsets.US_ASCII), UapiCodec.encodeGet());
    }

    @Test
    void decodesTheDocumentedGetAnswer() throws Exception {
        UapiCodec.GetResult result = UapiCodec.decodeGet(XPLATFORM_GET);

        assertEquals(Optional.of(PrivateKey.of(HEX.parseHex(PRIVATE))), result.privateKey());
        assertEquals(12912, result.listenPort());
        assertEquals(0, result.fwmark());
        assertEquals(3, result.peers().size());

        PeerState first = result.peers().get(0);
        assertEquals(pub(PEER1), first.publicKey());
        assertEquals(List.of(IpPrefix.parse("192.168.4.4/32")), first.allowedIps());
        Endpoint scoped = first.endpoint().orElseThrow();
        assertEquals(51820, scoped.port());
        assertEquals(2, ((Inet6Address) scoped.address()).getScopeId());
        assertArrayEquals(HEX.parseHex("abcd0023000000000000000000000033"), scoped.address().getAddress());
        assertEquals(Optional.empty(), first.lastHandshake());
        assertEquals(Optional.empty(), first.persistentKeepalive());

        PeerState second = result.peers().get(1);
        assertEquals(pub(PEER2), second.publicKey());
        assertEquals(38333, second.txBytes());
        assertEquals(2224, second.rxBytes());
        assertEquals(Optional.of(Duration.ofSeconds(111)), second.persistentKeepalive());
        assertEquals(Optional.of(Endpoint.parse("182.122.22.19:3233")), second.endpoint());

        PeerState third = result.peers().get(2);
        assertEquals(pub(PEER3), third.publicKey());
        assertEquals(List.of(IpPrefix.parse("192.168.4.10/32"), IpPrefix.parse("192.168.4.11/32")),
                third.allowedIps());
        assertEquals(1212111, third.txBytes());
        assertEquals(1929999999L, third.rxBytes());
    }

    @Test
    void decodesFwmarkAndHandshakeTimeAsWireguardGoWritesThem() throws Exception {
        // Field names and order as wireguard-go's device/uapi.go IpcGetOperation writes them.
        String answer = """
                private_key=e84b5a6d2717c1003a13b431570353dbaca9146cf150c5f8575680feba52027a
                listen_port=51820
                fwmark=4294967295
                public_key=b85996fecc9c7f1fc6d2572a76eda11d59bcd20be8e543b15ce4bd85a8e75a33
                preshared_key=0000000000000000000000000000000000000000000000000000000000000000
                protocol_version=1
                endpoint=198.18.0.2:51820
                last_handshake_time_sec=1590459201
                last_handshake_time_nsec=283546000
                tx_bytes=824
                rx_bytes=696
                persistent_keepalive_interval=25
                allowed_ip=10.24.24.3/32
                allowed_ip=fd00::/64
                errno=0

                """;
        UapiCodec.GetResult result = UapiCodec.decodeGet(answer);
        assertEquals(-1, result.fwmark(), "0xffffffff kept as the same 32 bits");
        PeerState peer = result.peers().get(0);
        assertEquals(Optional.of(Instant.ofEpochSecond(1590459201, 283546000)), peer.lastHandshake());
        assertEquals(List.of(IpPrefix.parse("10.24.24.3/32"), IpPrefix.parse("fd00::/64")), peer.allowedIps());
    }

    @Test
    void aDeviceWithoutKeyOrPeersIsJustErrno() throws Exception {
        UapiCodec.GetResult result = UapiCodec.decodeGet("listen_port=0\nerrno=0\n\n");
        assertEquals(Optional.empty(), result.privateKey());
        assertEquals(List.of(), result.peers());
    }

    /**
     * The page's set=1 example with its preshared key left out (not part of our port) and the
     * interface lines in our fixed order: private_key, listen_port, fwmark, replace_peers. The page
     * puts fwmark before listen_port; the protocol takes them in any order.
     */
    @Test
    void encodesTheDocumentedSetRequest() {
        DeviceChange change = new DeviceChange(
                Optional.of(PrivateKey.of(HEX.parseHex(PRIVATE))),
                OptionalInt.of(12912),
                OptionalInt.of(0),
                true,
                List.of(
                        new PeerChange(pub(PEER1), false, false, Optional.of(new Endpoint(scopedV6(), 51820)),
                                Optional.empty(), Optional.of(List.of(IpPrefix.parse("192.168.4.4/32")))),
                        new PeerChange(pub(PEER2), false, false, Optional.of(Endpoint.parse("182.122.22.19:3233")),
                                Optional.of(Duration.ofSeconds(111)),
                                Optional.of(List.of(IpPrefix.parse("192.168.4.6/32")))),
                        new PeerChange(pub(PEER3), false, false, Optional.of(Endpoint.parse("5.152.198.39:51820")),
                                Optional.empty(),
                                Optional.of(List.of(IpPrefix.parse("192.168.4.10/32"),
                                        IpPrefix.parse("192.168.4.11/32")))),
                        PeerChange.removal(pub(PEER4))));

        String expected = """
                set=1
                private_key=e84b5a6d2717c1003a13b431570353dbaca9146cf150c5f8575680feba52027a
                listen_port=12912
                fwmark=0
                replace_peers=true
                public_key=b85996fecc9c7f1fc6d2572a76eda11d59bcd20be8e543b15ce4bd85a8e75a33
                endpoint=[abcd:23::33%2]:51820
                replace_allowed_ips=true
                allowed_ip=192.168.4.4/32
                public_key=58402e695ba1772b1cc9309755f043251ea77fdcf10fbe63989ceb7e19321376
                endpoint=182.122.22.19:3233
                persistent_keepalive_interval=111
                replace_allowed_ips=true
                allowed_ip=192.168.4.6/32
                public_key=662e14fd594556f522604703340351258903b64f35553763f19426ab2a515c58
                endpoint=5.152.198.39:51820
                replace_allowed_ips=true
                allowed_ip=192.168.4.10/32
                allowed_ip=192.168.4.11/32
                public_key=e818b58db5274087fcc1be5dc728cf53d3b5726b4cef6b9bab8f8f8c2452c25c
                remove=true

                """;
        assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), UapiCodec.encodeSet(change));
    }

    @Test
    void anEndpointOnlyChangeNeverCreatesAPeer() {
        byte[] request = UapiCodec.encodeSet(DeviceChange.peersOnly(
                List.of(PeerChange.endpointOnly(pub(PEER2), Endpoint.parse("[2001:db8::1]:4500")))));
        assertEquals("""
                set=1
                public_key=58402e695ba1772b1cc9309755f043251ea77fdcf10fbe63989ceb7e19321376
                update_only=true
                endpoint=[2001:db8::1]:4500
                
                """, new String(request, StandardCharsets.US_ASCII));
    }

    @Test
    void keepaliveZeroTurnsItOffAndAnEmptyListClearsAllowedIps() {
        byte[] request = UapiCodec.encodeSet(DeviceChange.peersOnly(List.of(new PeerChange(pub(PEER1), false,
                false, Optional.empty(), Optional.of(Duration.ZERO), Optional.of(List.of())))));
        assertEquals("""
                set=1
                public_key=b85996fecc9c7f1fc6d2572a76eda11d59bcd20be8e543b15ce4bd85a8e75a33
                persistent_keepalive_interval=0
                replace_allowed_ips=true

                """, new String(request, StandardCharsets.US_ASCII));
    }

    @Test
    void fwmarkAboveTwoToThe31IsWrittenUnsigned() {
        byte[] request = UapiCodec.encodeSet(new DeviceChange(Optional.empty(), OptionalInt.empty(),
                OptionalInt.of(0xdeadbeef), false, List.of()));
        assertEquals("set=1\nfwmark=3735928559\n\n", new String(request, StandardCharsets.US_ASCII));
    }

    @Test
    void setAnswerZeroIsSuccess() throws Exception {
        UapiCodec.decodeSetResponse("errno=0\n\n");
    }

    @Test
    void setAnswerWithErrnoCarriesIt() {
        UapiFormatException e = assertThrows(UapiFormatException.class, () -> UapiCodec.decodeSetResponse("errno=22\n\n"));
        assertEquals(22, e.errno());
        UapiFormatException get = assertThrows(UapiFormatException.class, () -> UapiCodec.decodeGet("errno=19\n\n"));
        assertEquals(19, get.errno());
    }

    @Test
    void wireguardGoNegativeErrnoIsTheSameFailure() {
        // wireguard-go 0.0.20220316 answered "set=1\nlisten_port=abc\n\n" with exactly this (seen here).
        UapiFormatException e = assertThrows(UapiFormatException.class,
                () -> UapiCodec.decodeSetResponse("errno=-22\n\n"));
        assertEquals(22, e.errno());
        assertThrows(UapiFormatException.class, () -> UapiCodec.decodeSetResponse("errno=-\n\n"));
    }

    @Test
    void malformedAnswersAreFormatErrors() {
        for (String bad : List.of("", "errno=0\n", "errno=0", "errno=x\n\n", "garbage\n\n", "=1\nerrno=0\n\n",
                "listen_port=70000\nerrno=0\n\n", "private_key=abc\nerrno=0\n\n",
                "public_key=" + PEER1 + "\nendpoint=example.com:1\nerrno=0\n\n",
                "public_key=" + PEER1 + "\nallowed_ip=10.0.0.0/33\nerrno=0\n\n",
                "listen_port=1\n\nerrno=0\n\n", "errno=0\nerrno=0\n\n")) {
            assertThrows(UapiFormatException.class, () -> {
                UapiCodec.decodeGet(bad);
                UapiCodec.decodeSetResponse(bad);
            }, () -> "accepted " + bad.replace("\n", "\\n"));
        }
    }

    @Test
    void randomAndTruncatedAnswersOnlyRaiseTheCodecsException() {
        Random random = new Random(4);
        String[] tokens = {"public_key=", PEER1, "endpoint=", "[", "]", ":", "%", "allowed_ip=", "/", "errno=",
                "0", "1", "99999999999999999999", "\n", "=", "last_handshake_time_sec=", "rx_bytes=", "-",
                "listen_port=", "fwmark=", "abcd::1", "10.0.0.1", "persistent_keepalive_interval=", "private_key=",
                PRIVATE, "x", "\u00e9"};
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                s.append(tokens[random.nextInt(tokens.length)]);
            }
            if (random.nextBoolean()) {
                s.append("\nerrno=0\n\n");
            }
            parsed += decodeOrCodecError(s.toString()) ? 1 : 0;
        }
        for (int cut = 0; cut <= XPLATFORM_GET.length(); cut++) {
            decodeOrCodecError(XPLATFORM_GET.substring(0, cut));
        }
        for (int i = 0; i < 5_000; i++) {
            char[] chars = XPLATFORM_GET.toCharArray();
            chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
            decodeOrCodecError(new String(chars));
        }
        assertTrue(parsed > 0, "the generator should also produce some valid answers");
    }

    private static boolean decodeOrCodecError(String text) {
        try {
            UapiCodec.decodeGet(text);
            return true;
        } catch (UapiFormatException expected) {
            return false;
        } catch (RuntimeException e) {
            fail("decoding '" + text.replace("\n", "\\n") + "' threw " + e, e);
            return false;
        }
    }

    @Test
    void aDecodedAnswerEncodesBackToTheSameSettings() throws Exception {
        UapiCodec.GetResult result = UapiCodec.decodeGet(XPLATFORM_GET);
        List<PeerChange> peers = result.peers().stream().map(p -> new PeerChange(p.publicKey(), false, false,
                p.endpoint(), p.persistentKeepalive(), Optional.of(p.allowedIps()))).toList();
        String set = new String(UapiCodec.encodeSet(DeviceChange.peersOnly(peers)), StandardCharsets.US_ASCII);
        assertTrue(set.contains("endpoint=[abcd:23::33%2]:51820\n"), set);
        assertTrue(set.contains("allowed_ip=192.168.4.11/32\n"), set);
    }

    private static Inet6Address scopedV6() {
        try {
            return Inet6Address.getByAddress(null, HEX.parseHex("abcd0023000000000000000000000033"), 2);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
