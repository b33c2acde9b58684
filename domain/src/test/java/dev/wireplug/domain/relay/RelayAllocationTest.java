package dev.wireplug.domain.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocation.Learning;
import dev.wireplug.domain.relay.RelayAllocation.Rejection;
import dev.wireplug.domain.relay.RelayState.Active;
import dev.wireplug.domain.relay.RelayState.EndReason;
import dev.wireplug.domain.relay.RelayState.Ended;
import dev.wireplug.domain.relay.RelayState.OneLearned;
import dev.wireplug.domain.relay.RelayState.Pending;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayAllocationTest {
    private static final RelayAllocationId ID = new RelayAllocationId(7);
    private static final RelayPeer A = new RelayPeer(RelayPolicyTest.KEY_A, IpAddresses.parse("198.18.1.1"));
    private static final RelayPeer B = new RelayPeer(RelayPolicyTest.KEY_B, IpAddresses.parse("198.18.2.1"));
    private static final Endpoint A_NAT = Endpoint.parse("198.18.1.1:40001");
    private static final Endpoint A_NAT_REBOUND = Endpoint.parse("198.18.1.1:40777");
    private static final Endpoint B_NAT = Endpoint.parse("198.18.2.1:50002");
    private static final Endpoint STRANGER = Endpoint.parse("198.18.9.9:40001");
    /** An initiation from A to B carries mac1 keyed with B's public key, and vice versa. */
    private static final Set<RelaySide> FROM_A = EnumSet.of(RelaySide.B);
    private static final Set<RelaySide> FROM_B = EnumSet.of(RelaySide.A);
    private static final Set<RelaySide> NO_VALID_MAC1 = EnumSet.noneOf(RelaySide.class);

    private static RelayAllocation pending() {
        return RelayAllocation.pending(ID, A, B);
    }

    private static RelayAllocation learned(RelayAllocation allocation, Endpoint source, Set<RelaySide> mac1) {
        Learning learning = allocation.onInitiation(source, mac1);
        return assertInstanceOf(Learning.Learned.class, learning, () -> "expected to learn, got " + learning)
                .allocation();
    }

    private static Rejection rejected(RelayAllocation allocation, Endpoint source, Set<RelaySide> mac1) {
        Learning learning = allocation.onInitiation(source, mac1);
        Learning.Rejected r = assertInstanceOf(Learning.Rejected.class, learning);
        assertSame(allocation, r.allocation(), "a rejection leaves the allocation as it was");
        return r.why();
    }

    @Test
    void startsPendingWithNothingLearned() {
        RelayAllocation allocation = pending();
        assertEquals(new Pending(), allocation.state());
        assertEquals(Optional.empty(), allocation.state().learned(RelaySide.A));
        assertFalse(allocation.isActive());
    }

    @Test
    void aValidInitiationFromAsAddressLearnsA() {
        Learning learning = pending().onInitiation(A_NAT, FROM_A);
        assertEquals(new Learning.Learned(new RelayAllocation(ID, A, B, new OneLearned(RelaySide.A, A_NAT)),
                RelaySide.A, A_NAT, true), learning);
    }

    @Test
    void bothSidesLearnedInEitherOrderMakeItActive() {
        RelayAllocation aFirst = learned(learned(pending(), A_NAT, FROM_A), B_NAT, FROM_B);
        RelayAllocation bFirst = learned(learned(pending(), B_NAT, FROM_B), A_NAT, FROM_A);
        assertEquals(new Active(A_NAT, B_NAT), aFirst.state());
        assertEquals(new Active(A_NAT, B_NAT), bFirst.state());
        assertTrue(aFirst.isActive());
    }

    @Test
    void activeForwardsBetweenTheLearnedAddressesOnly() {
        Active active = (Active) learned(learned(pending(), A_NAT, FROM_A), B_NAT, FROM_B).state();
        assertEquals(Optional.of(B_NAT), active.forwardTarget(A_NAT));
        assertEquals(Optional.of(A_NAT), active.forwardTarget(B_NAT));
        assertEquals(Optional.empty(), active.forwardTarget(STRANGER));
        assertEquals(Optional.empty(), active.forwardTarget(A_NAT_REBOUND), "same address, another port");
    }

    @Test
    void anInitiationFromAnUnannouncedAddressTeachesNothing() {
        assertEquals(Rejection.UNKNOWN_ADDRESS, rejected(pending(), STRANGER, FROM_A));
        assertEquals(Rejection.UNKNOWN_ADDRESS, rejected(pending(), STRANGER, EnumSet.allOf(RelaySide.class)));
    }

    @Test
    void anInitiationWithoutAValidMac1ForTheOtherSideTeachesNothing() {
        assertEquals(Rejection.BAD_MAC1, rejected(pending(), A_NAT, NO_VALID_MAC1));
        // From A's address but keyed for A itself: not an initiation towards B.
        assertEquals(Rejection.BAD_MAC1, rejected(pending(), A_NAT, FROM_B));
        assertEquals(Rejection.BAD_MAC1, rejected(pending(), B_NAT, FROM_A));
    }

    @Test
    void aHostCannotHijackALearnedSideFromAnotherAddress() {
        RelayAllocation active = learned(learned(pending(), A_NAT, FROM_A), B_NAT, FROM_B);
        assertEquals(Rejection.UNKNOWN_ADDRESS, rejected(active, STRANGER, FROM_A));
        assertEquals(Rejection.BAD_MAC1, rejected(active, A_NAT_REBOUND, NO_VALID_MAC1));
        assertEquals(new Active(A_NAT, B_NAT), active.state());
    }

    @Test
    void aSideRebindingToAnotherPortIsRelearnedFromAValidInitiation() {
        RelayAllocation one = learned(pending(), A_NAT, FROM_A);
        assertEquals(new OneLearned(RelaySide.A, A_NAT_REBOUND), learned(one, A_NAT_REBOUND, FROM_A).state());
        RelayAllocation active = learned(one, B_NAT, FROM_B);
        assertEquals(new Active(A_NAT_REBOUND, B_NAT), learned(active, A_NAT_REBOUND, FROM_A).state());
        assertEquals(new Active(A_NAT, Endpoint.parse("198.18.2.1:1")),
                learned(active, Endpoint.parse("198.18.2.1:1"), FROM_B).state());
    }

    @Test
    void theSameInitiationAgainIsNotNews() {
        RelayAllocation one = learned(pending(), A_NAT, FROM_A);
        Learning again = one.onInitiation(A_NAT, FROM_A);
        assertFalse(((Learning.Learned) again).changed());
        assertEquals(one, again.allocation());
    }

    @Test
    void twoPeersBehindOnePublicAddressAreToldApartByMac1() {
        // Both behind one carrier-grade NAT: the address matches both, mac1 says who sent it.
        RelayPeer bSharing = new RelayPeer(RelayPolicyTest.KEY_B, A.publicAddress());
        RelayAllocation shared = RelayAllocation.pending(ID, A, bSharing);
        Endpoint bSharedNat = Endpoint.parse("198.18.1.1:50002");
        RelayAllocation active = learned(learned(shared, A_NAT, FROM_A), bSharedNat, FROM_B);
        assertEquals(new Active(A_NAT, bSharedNat), active.state());
        assertEquals(Rejection.AMBIGUOUS, rejected(shared, A_NAT, EnumSet.allOf(RelaySide.class)));
    }

    @Test
    void endedAllocationsLearnNothingAndKeepTheirFirstReason() {
        RelayAllocation active = learned(learned(pending(), A_NAT, FROM_A), B_NAT, FROM_B);
        RelayAllocation released = active.end(EndReason.RELEASED);
        assertEquals(new Ended(EndReason.RELEASED), released.state());
        assertTrue(released.isEnded());
        assertEquals(Optional.empty(), released.state().learned(RelaySide.A));
        assertEquals(Rejection.ENDED, rejected(released, A_NAT, FROM_A));
        assertSame(released, released.end(EndReason.IDLE_EXPIRED));
        assertEquals(new Ended(EndReason.IDLE_EXPIRED), pending().end(EndReason.IDLE_EXPIRED).state());
    }

    @Test
    void anAllocationJoinsTwoDifferentPeers() {
        assertThrows(IllegalArgumentException.class, () -> RelayAllocation.pending(ID, A, A));
        assertThrows(IllegalArgumentException.class, () -> new RelayAllocationId(0));
    }

    @Test
    void sidesKnowEachOther() {
        assertEquals(RelaySide.B, RelaySide.A.other());
        assertEquals(RelaySide.A, RelaySide.B.other());
        assertEquals(A, pending().peer(RelaySide.A));
        assertEquals(B, pending().peer(RelaySide.B));
    }
}
