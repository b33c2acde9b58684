package dev.wireplug.adapters.wireguard.bsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.domain.net.Endpoint;
import java.net.Inet6Address;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * sockaddr_in (16 bytes: len, family, port, addr, zero[8]) and sockaddr_in6 (28 bytes: len,
 * family, port, flowinfo, addr[16], scope_id) as netinet/in.h and netinet6/in6.h of OpenBSD, FreeBSD
 * and macOS define them; AF_INET6 is 24 (OpenBSD), 28 (FreeBSD), 30 (macOS) in their sys/socket.h.
 */
class BsdSockaddrTest {

    @Test
    void ipv4IsTheSameOnEveryBsd() {
        Endpoint endpoint = Endpoint.parse("192.0.2.1:51820");
        String expected = "10 02 ca6c c0000201 0000000000000000";
        assertEquals(hex(hex(expected)), hex(BsdSockaddr.OPENBSD.encode(endpoint)));
        assertEquals(hex(hex(expected)), hex(BsdSockaddr.FREEBSD.encode(endpoint)));
        assertEquals(hex(hex(expected)), hex(BsdSockaddr.DARWIN.encode(endpoint)));
    }

    @Test
    void ipv6CarriesEachSystemsAddressFamily() {
        Endpoint endpoint = Endpoint.parse("[2001:db8::1]:443");
        String rest = " 01bb 00000000 20010db8000000000000000000000001 00000000";
        assertEquals(hex(hex("1c 18" + rest)), hex(BsdSockaddr.OPENBSD.encode(endpoint)));
        assertEquals(hex(hex("1c 1c" + rest)), hex(BsdSockaddr.FREEBSD.encode(endpoint)));
        assertEquals(hex(hex("1c 1e" + rest)), hex(BsdSockaddr.DARWIN.encode(endpoint)));
    }

    @Test
    void decodeReadsBackWhatEncodeWrote() throws Exception {
        for (String text : new String[] {"198.18.0.1:1", "[fe80::1]:65535", "[::ffff:192.0.2.1]:7"}) {
            Endpoint endpoint = Endpoint.parse(text);
            byte[] bytes = BsdSockaddr.FREEBSD.encode(endpoint);
            Endpoint back = BsdSockaddr.FREEBSD.decode(bytes, 0, bytes.length).orElseThrow();
            assertEquals(endpoint.port(), back.port());
            assertEquals(hex(endpoint.address().getAddress()), hex(back.address().getAddress()));
        }
    }

    @Test
    void aScopeIdSurvivesTheRoundTrip() throws Exception {
        byte[] bytes = hex("1c 18 0035 00000000 fe800000000000000000000000000001 05000000");
        Endpoint endpoint = BsdSockaddr.OPENBSD.decode(bytes, 0, bytes.length).orElseThrow();
        assertEquals(5, assertInstanceOf(Inet6Address.class, endpoint.address()).getScopeId());
        assertEquals(hex(bytes), hex(BsdSockaddr.OPENBSD.encode(endpoint)));
    }

    @Test
    void anUnspecifiedFamilyOrPortZeroMeansNoEndpoint() throws Exception {
        assertEquals(Optional.empty(), BsdSockaddr.OPENBSD.decode(new byte[28], 0, 28));
        byte[] portZero = hex("10 02 0000 c0000201 0000000000000000");
        assertEquals(Optional.empty(), BsdSockaddr.OPENBSD.decode(portZero, 0, 16));
    }

    @Test
    void anotherSystemsAddressFamilyOrATruncatedAddressIsRejected() {
        byte[] freeBsdV6 = BsdSockaddr.FREEBSD.encode(Endpoint.parse("[2001:db8::1]:443"));
        assertThrows(WgCodecException.class, () -> BsdSockaddr.OPENBSD.decode(freeBsdV6, 0, freeBsdV6.length));
        assertThrows(WgCodecException.class, () -> BsdSockaddr.FREEBSD.decode(freeBsdV6, 0, 16));
        assertThrows(WgCodecException.class, () -> BsdSockaddr.FREEBSD.decode(new byte[1], 0, 1));
    }
}
