package dev.wireplug.domain.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {
    @Test
    void keepsHostBitsAsWritten() {
        IpPrefix address = IpPrefix.parse("10.1.0.2/24");
        assertEquals("10.1.0.2/24", address.toString());
        assertEquals("10.1.0.0/24", address.network().toString());
    }

    @Test
    void bareAddressIsASingleHost() {
        assertEquals("10.1.0.2/32", IpPrefix.parse("10.1.0.2").toString());
        assertEquals("fd00::2/128", IpPrefix.parse("fd00::2").toString());
    }

    @Test
    void containsAndOverlaps() {
        IpPrefix lan = IpPrefix.parse("10.1.0.0/24");
        assertTrue(lan.contains(IpAddresses.parse("10.1.0.200")));
        assertFalse(lan.contains(IpAddresses.parse("10.1.1.1")));
        assertFalse(lan.contains(IpAddresses.parse("fd00::1")));
        assertTrue(lan.overlaps(IpPrefix.parse("10.1.0.7/32")));
        assertTrue(lan.overlaps(IpPrefix.parse("10.0.0.0/8")));
        assertFalse(lan.overlaps(IpPrefix.parse("10.2.0.0/16")));
        assertTrue(IpPrefix.parse("0.0.0.0/0").contains(IpAddresses.parse("198.18.3.4")));
        assertTrue(IpPrefix.parse("2001:db8::/33").contains(IpAddresses.parse("2001:db8:7fff::1")));
        assertFalse(IpPrefix.parse("2001:db8::/33").contains(IpAddresses.parse("2001:db8:8000::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/a",
            "10.0.0/8", "/8", "10.0.0.0/8/8", "10.0.0.0 /8x"})
    void rejectsMalformedPrefixes(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(text));
    }
}
