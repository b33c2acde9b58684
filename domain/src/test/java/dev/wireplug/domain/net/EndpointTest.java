package dev.wireplug.domain.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesIpv4AndIpv6Endpoints() {
        Endpoint v4 = Endpoint.parse("198.18.0.10:51820");
        assertEquals("198.18.0.10:51820", v4.toString());
        assertFalse(v4.isIpv6());
        Endpoint v6 = Endpoint.parse("[2001:db8:0:0::1]:3478");
        assertEquals("[2001:db8::1]:3478", v6.toString());
        assertTrue(v6.isIpv6());
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.18.0.10", "198.18.0.10:", "198.18.0.10:0", "198.18.0.10:65536",
            "2001:db8::1:51820", "[2001:db8::1]", "[2001:db8::1]51820", "example.com:51820",
            "10.0.0.256:1", "10.0.0:1", "010.0.0.1:1", "[fe80::1%eth0]:1", " "})
    void rejectsWhatIsNotAnAddressLiteralWithAPort(String text) {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
    }

    @Test
    void neverResolvesNames() {
        // Would need DNS if IpAddresses fell back to InetAddress.getByName for bad literals.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpAddresses.parse("localhost"));
        assertTrue(e.getMessage().contains("localhost"));
    }

    @Test
    void formatsIpv6Compressed() {
        assertEquals("::", IpAddresses.format(IpAddresses.parse("0:0:0:0:0:0:0:0")));
        assertEquals("::1", IpAddresses.format(IpAddresses.parse("0:0:0:0:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", IpAddresses.format(IpAddresses.parse("2001:db8:0:0:1:0:0:1")));
        assertEquals("fd00:1::", IpAddresses.format(IpAddresses.parse("fd00:1:0:0:0:0:0:0")));
    }

    @Test
    void hostPortAcceptsNamesAndDefaultsThePort() {
        assertEquals(new HostPort("coord.example.net", 3478), HostPort.parse("coord.example.net", 3478));
        assertEquals(new HostPort("198.18.0.2", 4000), HostPort.parse("198.18.0.2:4000", 3478));
        assertEquals(new HostPort("2001:db8::2", 3478), HostPort.parse("2001:db8::2", 3478));
        assertEquals(new HostPort("2001:db8::2", 9), HostPort.parse("[2001:db8::2]:9", 3478));
        assertEquals("[2001:db8::2]:9", HostPort.parse("[2001:db8::2]:9", 3478).toString());
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("bad host:1", 3478));
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host:x", 3478));
    }

    @Test
    void interfaceNamesFollowKernelLimits() {
        assertEquals("wg0", new InterfaceName("wg0").toString());
        assertThrows(IllegalArgumentException.class, () -> new InterfaceName("a-name-too-long-1"));
        assertThrows(IllegalArgumentException.class, () -> new InterfaceName("wg/0"));
        assertThrows(IllegalArgumentException.class, () -> new InterfaceName(""));
        assertThrows(IllegalArgumentException.class, () -> new InterfaceName(".."));
    }
}
