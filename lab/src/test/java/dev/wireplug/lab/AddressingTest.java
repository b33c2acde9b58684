package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AddressingTest {

    @Test
    void natLansArePrivateAndPlainLansArePublicInsideTheBenchmarkingRange() {
        assertEquals("10.3.0.0/24", Addressing.lanPrefix(RouterKind.EIM_PORT_PRESERVING, 3));
        assertEquals("10.3.0.1", Addressing.lanGateway(RouterKind.DESTINATION_DEPENDENT, 3));
        assertEquals("198.19.3.0/24", Addressing.lanPrefix(RouterKind.NO_NAT, 3));
        assertEquals("198.19.3.12", Addressing.hostLanAddress(RouterKind.NO_NAT, 3, 2));
    }

    @Test
    void aHostKeepsItsNumberOnEveryLan() {
        assertEquals("10.1.0.15", Addressing.hostLanAddress(RouterKind.FIXED_OTHER_PORT, 1, 5));
        assertEquals("10.7.0.15", Addressing.hostLanAddress(RouterKind.EIM_PORT_PRESERVING, 7, 5));
        assertEquals("100.64.0.5", Addressing.overlayAddress(5));
        assertEquals(51825, Addressing.wireguardPort(5));
    }

    @Test
    void theCoordinatorHasTwoAddressesOnTheInternet() {
        assertEquals("198.18.0.10", Addressing.coordinatorAddress(0));
        assertEquals("198.18.0.11", Addressing.coordinatorAddress(1));
        assertEquals("2001:db8::11", Addressing.coordinatorAddress6(1));
    }

    @Test
    void ipv6PrefixesAreNumberedInHex() {
        assertEquals("2001:db8:c::/64", Addressing.lanPrefix6(12));
        assertEquals("2001:db8:c::1", Addressing.lanGateway6(12));
        assertEquals("2001:db8:c::12", Addressing.hostLanAddress6(12, 2));
        assertEquals("2001:db8::1:c", Addressing.routerWan6(12));
    }
}
