package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import org.junit.jupiter.api.Test;

/**
 * The scripts, exactly. Each was also run through nft 1.0.6 in a scratch namespace (and the lab
 * test runs them for real); the listing parsed below is nft 1.0.6's output for such a chain.
 */
class NftablesRelayRulesTest {
    private static final RelayAllocationId ID = new RelayAllocationId(7);
    private static final NftablesRelayRules.Installed PAIR = new NftablesRelayRules.Installed(ID, 40000,
            Endpoint.parse("198.18.1.1:41000"), Endpoint.parse("198.18.2.1:42000"), IpAddresses.parse("198.18.0.2"), 3);

    @Test
    void theTableHooksRawManglingAndBothNatStagesForRemoteAndLocalTraffic() {
        assertEquals("""
                table inet wireplug_relay {}
                delete table inet wireplug_relay
                table inet wireplug_relay {
                  map zones4 { typeof ip saddr . udp sport . udp dport : ct zone; }
                  map dnat4 { type ipv4_addr . inet_service . inet_service : ipv4_addr . inet_service; }
                  map snat4 { type ipv4_addr . inet_service . inet_service : ipv4_addr . inet_service; }
                  map acct4 { type ipv4_addr . inet_service . inet_service : verdict; }
                  limit global_packets { rate over 200000/second burst 50000 packets }
                  limit global_bytes { rate over 125000000 bytes/second burst 31250000 bytes }
                  chain raw_pre {
                    type filter hook prerouting priority raw; policy accept;
                    ct zone set ip saddr . udp sport . udp dport map @zones4
                  }
                  chain raw_out {
                    type filter hook output priority raw; policy accept;
                    ct zone set ip saddr . udp sport . udp dport map @zones4
                  }
                  chain acct_pre {
                    type filter hook prerouting priority mangle; policy accept;
                    ip saddr . udp sport . udp dport vmap @acct4
                  }
                  chain acct_out {
                    type filter hook output priority mangle; policy accept;
                    ip saddr . udp sport . udp dport vmap @acct4
                  }
                  chain nat_pre {
                    type nat hook prerouting priority dstnat; policy accept;
                    dnat ip to ip saddr . udp sport . udp dport map @dnat4
                  }
                  chain nat_out {
                    type nat hook output priority -100; policy accept;
                    dnat ip to ip saddr . udp sport . udp dport map @dnat4
                  }
                  chain nat_post {
                    type nat hook postrouting priority srcnat; policy accept;
                    ct status dnat snat ip to ip saddr . udp sport . ct original proto-dst map @snat4
                  }
                }
                """, NftablesRelayRules.table(RelayLimits.GLOBAL_DEFAULT));
    }

    @Test
    void anOpenedAllocationGetsItsOwnLimitsAndCountingChain() {
        assertEquals("""
                add limit inet wireplug_relay relay_7_packets { rate over 10/second burst 20 packets }
                add limit inet wireplug_relay relay_7_bytes { rate over 30 bytes/second burst 40 bytes }
                add chain inet wireplug_relay relay_7
                add rule inet wireplug_relay relay_7 limit name "relay_7_packets" counter drop
                add rule inet wireplug_relay relay_7 limit name "relay_7_bytes" counter drop
                add rule inet wireplug_relay relay_7 limit name "global_packets" counter drop
                add rule inet wireplug_relay relay_7 limit name "global_bytes" counter drop
                add rule inet wireplug_relay relay_7 counter
                """, NftablesRelayRules.opened(ID, new RelayLimits(10, 30, 20, 40)));
    }

    @Test
    void activationMapsEachLearnedSideToTheOtherThroughTheRelayPort() {
        assertEquals("""
                add element inet wireplug_relay zones4 { 198.18.1.1 . 41000 . 40000 : 3, 198.18.2.1 . 42000 . 40000 : 3 }
                add element inet wireplug_relay dnat4 { 198.18.1.1 . 41000 . 40000 : 198.18.2.1 . 42000, \
                198.18.2.1 . 42000 . 40000 : 198.18.1.1 . 41000 }
                add element inet wireplug_relay snat4 { 198.18.1.1 . 41000 . 40000 : 198.18.0.2 . 40000, \
                198.18.2.1 . 42000 . 40000 : 198.18.0.2 . 40000 }
                add element inet wireplug_relay acct4 { 198.18.1.1 . 41000 . 40000 : jump relay_7, \
                198.18.2.1 . 42000 . 40000 : jump relay_7 }
                """, NftablesRelayRules.activate(PAIR));
    }

    @Test
    void deactivationAndCloseRemoveEverythingTheAllocationAdded() {
        assertEquals("""
                delete element inet wireplug_relay zones4 { 198.18.1.1 . 41000 . 40000, 198.18.2.1 . 42000 . 40000 }
                delete element inet wireplug_relay dnat4 { 198.18.1.1 . 41000 . 40000, 198.18.2.1 . 42000 . 40000 }
                delete element inet wireplug_relay snat4 { 198.18.1.1 . 41000 . 40000, 198.18.2.1 . 42000 . 40000 }
                delete element inet wireplug_relay acct4 { 198.18.1.1 . 41000 . 40000, 198.18.2.1 . 42000 . 40000 }
                """, NftablesRelayRules.deactivate(PAIR));
        assertEquals("""
                flush chain inet wireplug_relay relay_7
                delete chain inet wireplug_relay relay_7
                delete limit inet wireplug_relay relay_7_packets
                delete limit inet wireplug_relay relay_7_bytes
                """, NftablesRelayRules.closed(ID));
    }

    @Test
    void countersComeFromTheChainListing() {
        String listing = """
                table inet wireplug_relay {
                	chain relay_7 {
                		limit name "relay_7_packets" counter packets 5 bytes 7100 drop
                		limit name "relay_7_bytes" counter packets 1 bytes 1420 drop
                		limit name "global_packets" counter packets 0 bytes 0 drop
                		limit name "global_bytes" counter packets 0 bytes 0 drop
                		counter packets 1000 bytes 1448000
                	}
                }
                """;
        // 1000 datagrams of 1420 bytes: nft counted 1000 * (1420 + 20 + 8) bytes of IPv4 packets.
        assertEquals(new RelayCounters(1000, 1_420_000, 0, 6), NftablesRelayRules.counters(listing));
        assertEquals(RelayCounters.ZERO, NftablesRelayRules.counters(""));
    }

    @Test
    void onlyIpv4IsOffloaded() {
        assertThrows(IllegalArgumentException.class, () -> new NftablesRelayRules.Installed(ID, 40000,
                Endpoint.parse("[2001:db8::1]:41000"), Endpoint.parse("198.18.2.1:42000"), IpAddresses.parse("198.18.0.2"), 1));
        assertThrows(IllegalArgumentException.class, () -> new NftablesRelayRules.Installed(ID, 40000,
                Endpoint.parse("198.18.1.1:41000"), Endpoint.parse("198.18.2.1:42000"), IpAddresses.parse("198.18.0.2"), 0));
    }
}
