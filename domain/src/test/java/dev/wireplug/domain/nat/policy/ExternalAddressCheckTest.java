package dev.wireplug.domain.nat.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.IpAddresses;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalAddressCheckTest {
    static Optional<InetAddress> ip(String s) {
        return Optional.of(IpAddresses.parse(s));
    }

    @Test
    void sameAddressAsObservedIsTrusted() {
        assertEquals(MappingTrust.TRUSTED, ExternalAddressCheck.classify(ip("203.0.113.7"), ip("203.0.113.7")));
        assertEquals(MappingTrust.TRUSTED, ExternalAddressCheck.classify(ip("198.18.0.1"), ip("198.18.0.1")));
    }

    @Test
    void publicAddressDifferentFromObservedIsDoubleNat() {
        assertEquals(MappingTrust.DOUBLE_NAT, ExternalAddressCheck.classify(ip("203.0.113.7"), ip("198.51.100.9")));
    }

    @Test
    void missingUnspecifiedOrPrivateAnswersNeedVerification() {
        for (String reported : new String[] {"0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1",
            "127.0.0.1", "169.254.1.1", "::", "fd00::1", "fe80::1", "192.0.0.8", "240.0.0.1"}) {
            assertEquals(MappingTrust.UNVERIFIED, ExternalAddressCheck.classify(ip(reported), ip("203.0.113.7")), reported);
        }
        assertEquals(MappingTrust.UNVERIFIED, ExternalAddressCheck.classify(Optional.empty(), ip("203.0.113.7")));
    }

    @Test
    void publicAnswerWithNothingObservedYetIsUnverified() {
        assertEquals(MappingTrust.UNVERIFIED, ExternalAddressCheck.classify(ip("203.0.113.7"), Optional.empty()));
    }

    @Test
    void publicAddressRanges() {
        assertTrue(ExternalAddressCheck.isPublic(IpAddresses.parse("8.8.8.8")));
        assertTrue(ExternalAddressCheck.isPublic(IpAddresses.parse("100.128.0.1")));
        assertTrue(ExternalAddressCheck.isPublic(IpAddresses.parse("2001:db8::1")));
        assertFalse(ExternalAddressCheck.isPublic(IpAddresses.parse("100.127.255.255")));
        assertFalse(ExternalAddressCheck.isPublic(IpAddresses.parse("224.0.0.1")));
    }
}
