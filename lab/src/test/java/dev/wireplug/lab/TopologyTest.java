package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void numbersRoutersAndHostsInTheOrderTheyWereAdded() {
        Topology t = Topology.builder().router("r1", RouterKind.NO_NAT).router("r2", RouterKind.FIXED_OTHER_PORT)
                .host("a", "r2").host("b", "r1").build();
        assertEquals(2, t.routerIndex("r2"));
        assertEquals(1, t.hostIndex("a"));
        assertEquals(2, t.hostIndex("b"));
        assertEquals(RouterKind.FIXED_OTHER_PORT, t.router("r2").kind());
    }

    @Test
    void natRoutersGetTheHomeRouterFirewallAndPlainRoutersDoNot() {
        assertTrue(Topology.RouterSpec.of("r", RouterKind.DESTINATION_DEPENDENT).firewall());
        assertFalse(Topology.RouterSpec.of("r", RouterKind.NO_NAT).firewall());
        assertTrue(Topology.RouterSpec.of("r", RouterKind.NO_NAT).withFirewall(true).firewall());
        assertTrue(Topology.RouterSpec.of("r", RouterKind.EIM_PORT_PRESERVING).withUpnp().upnp());
    }

    @Test
    void rejectsAHostOnAnUnknownRouter() {
        assertThrows(IllegalArgumentException.class, () -> Topology.builder().host("a", "r9").build());
    }

    @Test
    void rejectsNamesThatWouldNotFitAnInterfaceName() {
        assertThrows(IllegalArgumentException.class, () -> Topology.builder().router("router-one", RouterKind.NO_NAT).build());
        assertThrows(IllegalArgumentException.class, () -> Topology.builder().router("abcdefghi", RouterKind.NO_NAT).build());
        assertThrows(IllegalArgumentException.class, () -> Topology.builder().router("1r", RouterKind.NO_NAT).build());
    }

    @Test
    void rejectsNamesUsedTwiceOrTheInternetsName() {
        assertThrows(IllegalArgumentException.class,
                () -> Topology.builder().router("x", RouterKind.NO_NAT).host("x", "x").build());
        assertThrows(IllegalArgumentException.class, () -> Topology.builder().coordinator("inet").build());
    }

    @Test
    void wireguardInterfaceNamesFitFifteenBytesForTheLongestNames() {
        assertEquals(15, Runs.wireguardInterface("ab12", "abcdefgh").length());
        assertEquals("wpab12-a", Runs.wireguardInterface("ab12", "a"));
        assertEquals("wpl-ab12-r1", Runs.namespace("ab12", "r1"));
    }
}
