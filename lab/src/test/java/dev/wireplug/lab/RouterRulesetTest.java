package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterRulesetTest {

    private static String render(RouterKind kind, boolean firewall) {
        return RouterRuleset.render(kind, firewall, "198.18.1.2", "10.2.0.0/24",
                List.of(new RouterRuleset.FixedMapping("10.2.0.11", 51821)));
    }

    @Test
    void endpointIndependentNatIsAPlainMasquerade() {
        String r = render(RouterKind.EIM_PORT_PRESERVING, true);
        assertTrue(r.contains("oifname \"wan\" ip saddr 10.2.0.0/24 masquerade\n"), r);
        assertFalse(r.contains("fully-random"));
    }

    @Test
    void destinationDependentNatPicksARandomPortPerConnection() {
        assertTrue(render(RouterKind.DESTINATION_DEPENDENT, true)
                .contains("oifname \"wan\" ip saddr 10.2.0.0/24 masquerade fully-random\n"));
    }

    @Test
    void fixedOtherPortMapsEachHostsWireguardPortTenThousandHigherBeforeTheMasquerade() {
        String r = render(RouterKind.FIXED_OTHER_PORT, true);
        String snat = "oifname \"wan\" ip saddr 10.2.0.11 udp sport 51821 snat ip to 198.18.1.2:61821\n";
        assertTrue(r.contains(snat), r);
        assertTrue(r.indexOf(snat) < r.indexOf("masquerade"), "the fixed mapping must come first");
    }

    @Test
    void noNatRoutesWithoutTranslating() {
        String r = render(RouterKind.NO_NAT, false);
        assertFalse(r.contains("masquerade"));
        assertFalse(r.contains("snat"));
        assertFalse(r.contains("drop"));
    }

    @Test
    void theFirewallAdmitsOnlyRepliesAndMappedTrafficFromTheWanOnInputAndForward() {
        String r = render(RouterKind.EIM_PORT_PRESERVING, true);
        String rules = """
                    iifname "wan" ct state established,related accept
                    iifname "wan" ct status dnat accept
                    iifname "wan" meta l4proto ipv6-icmp accept
                    iifname "wan" drop
                """;
        int first = r.indexOf(rules);
        assertTrue(first > r.indexOf("chain input") && first < r.indexOf("chain forward"), r);
        assertTrue(r.indexOf(rules, first + 1) > r.indexOf("chain forward"), r);
    }

    @Test
    void providesTheChainsMiniupnpdExpects() {
        String r = render(RouterKind.DESTINATION_DEPENDENT, true);
        assertTrue(r.startsWith("table inet filter {"));
        for (String s : List.of("chain miniupnpd {", "chain prerouting_miniupnpd {", "chain postrouting_miniupnpd {",
                "jump miniupnpd", "jump prerouting_miniupnpd", "jump postrouting_miniupnpd",
                "type nat hook prerouting priority -100;", "type nat hook postrouting priority 100;")) {
            assertTrue(r.contains(s), s);
        }
        assertEquals(r.indexOf("jump miniupnpd"), r.lastIndexOf("jump miniupnpd"));
    }
}
