package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocation;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import dev.wireplug.domain.relay.RelayState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order and content of the nft scripts, with nft replaced by a recorder. */
class NftablesOffloadTest {
    private static final RelayAllocationId ID = new RelayAllocationId(7);
    private static final RelayPeer A = new RelayPeer(CapturedHandshake.A, IpAddresses.parse("198.18.1.1"));
    private static final RelayPeer B = new RelayPeer(CapturedHandshake.B, IpAddresses.parse("198.18.2.1"));
    private static final Endpoint A_NAT = Endpoint.parse("198.18.1.1:41000");
    private static final Endpoint A_REBOUND = Endpoint.parse("198.18.1.1:41777");
    private static final Endpoint B_NAT = Endpoint.parse("198.18.2.1:42000");

    private final List<String> scripts = new ArrayList<>();
    private boolean failApply;
    private final NftRunner recorder = new NftRunner() {
        @Override
        public String apply(String script) throws IOException {
            if (failApply) {
                throw new IOException("nft: Operation not permitted");
            }
            scripts.add(script);
            return "";
        }

        @Override
        public String list(String... args) throws IOException {
            return "counter packets 4 bytes 400\n";
        }
    };
    private final NftablesOffload offload = new NftablesOffload(recorder, IpAddresses.parse("198.18.0.2"));

    @AfterEach
    void close() {
        offload.close();
    }

    private static RelayAllocation active(Endpoint a, Endpoint b) {
        return new RelayAllocation(ID, A, B, new RelayState.Active(a, b));
    }

    @Test
    void openActivateRelearnCloseInThatOrder() throws IOException {
        offload.opened(new Opening(ID, A, B, RelayLimits.PER_ALLOCATION_DEFAULT, 0), 40000);
        offload.activated(active(A_NAT, B_NAT), 40000);
        assertTrue(offload.offloaded(ID));
        offload.activated(active(A_REBOUND, B_NAT), 40000);
        offload.closed(ID);
        assertFalse(offload.offloaded(ID));

        var first = new NftablesRelayRules.Installed(ID, 40000, A_NAT, B_NAT, IpAddresses.parse("198.18.0.2"), 1);
        var second = new NftablesRelayRules.Installed(ID, 40000, A_REBOUND, B_NAT, IpAddresses.parse("198.18.0.2"), 2);
        assertEquals(List.of(
                NftablesRelayRules.opened(ID, RelayLimits.PER_ALLOCATION_DEFAULT),
                NftablesRelayRules.activate(first),
                NftablesRelayRules.deactivate(first) + NftablesRelayRules.activate(second),
                NftablesRelayRules.deactivate(second) + NftablesRelayRules.closed(ID)), scripts);
    }

    @Test
    void closingAnAllocationThatNeverBecameActiveRemovesOnlyItsChain() throws IOException {
        offload.opened(new Opening(ID, A, B, RelayLimits.PER_ALLOCATION_DEFAULT, 0), 40000);
        offload.closed(ID);
        assertEquals(NftablesRelayRules.closed(ID), scripts.get(1));
    }

    @Test
    void ipv6PairsStayInUserSpace() {
        offload.activated(active(Endpoint.parse("[2001:db8::1]:41000"), Endpoint.parse("[2001:db8::2]:42000")), 40000);
        assertFalse(offload.offloaded(ID));
        assertEquals(List.of(), scripts);
    }

    @Test
    void aFailedActivationLeavesTheAllocationInUserSpace() {
        failApply = true;
        offload.activated(active(A_NAT, B_NAT), 40000);
        assertFalse(offload.offloaded(ID));
    }

    @Test
    void countersAreReadFromTheAllocationsChain() {
        assertEquals(4, offload.counters(ID).forwardedPackets());
    }
}
