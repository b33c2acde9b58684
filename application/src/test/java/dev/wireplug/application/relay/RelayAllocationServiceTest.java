package dev.wireplug.application.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.application.relay.RelayAllocationService.Outcome;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCandidate;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayDecision.Refusal;
import dev.wireplug.domain.relay.RelayIdlePolicy;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPolicy;
import dev.wireplug.domain.relay.RelayRequest;
import dev.wireplug.domain.relay.RelayState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RelayAllocationServiceTest {
    private static final PublicKey A = key(1);
    private static final PublicKey B = key(2);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final FakeRelayDataPlane plane = new FakeRelayDataPlane();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final RelayAllocationService service = new RelayAllocationService(plane, now::get,
            new RelayPolicy(Duration.ofSeconds(2)), new RelayIdlePolicy(Duration.ofSeconds(30), Duration.ofMinutes(3)),
            RelayLimits.PER_ALLOCATION_DEFAULT);

    private static PublicKey key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.of(bytes);
    }

    private static RelayCandidate hard(PublicKey key, String address, PublicKey... wants) {
        return new RelayCandidate(key, Set.of(wants), IpAddresses.parse(address), NatKind.DESTINATION_DEPENDENT,
                Optional.empty());
    }

    private static RelayRequest hardPair() {
        return new RelayRequest(hard(A, "198.18.1.1", B), hard(B, "198.18.2.1", A), Optional.empty());
    }

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void grantsAnAllocationWithThePortTheDataPlaneOpened() throws RelayException {
        Outcome.Granted granted = assertInstanceOf(Outcome.Granted.class, service.request(hardPair()));
        assertEquals(40000, granted.port());
        var opening = plane.open.get(granted.id());
        assertEquals(IpAddresses.parse("198.18.1.1"), opening.a().publicAddress());
        assertEquals(B, opening.b().key());
        assertEquals(RelayLimits.PER_ALLOCATION_DEFAULT, opening.limits());
        assertEquals(0, opening.port(), "the plane picks the port");
    }

    @Test
    void refusalsOpenNothing() throws RelayException {
        RelayRequest notMutual = new RelayRequest(hard(A, "198.18.1.1", B), hard(B, "198.18.2.1"), Optional.empty());
        assertEquals(new Outcome.Refused(Refusal.NOT_MUTUAL), service.request(notMutual));
        assertTrue(plane.open.isEmpty());
    }

    @Test
    void askingAgainForTheSamePairReturnsTheSameAllocationWhicheverSideAsks() throws RelayException {
        Outcome.Granted first = (Outcome.Granted) service.request(hardPair());
        RelayRequest fromB = new RelayRequest(hard(B, "198.18.2.1", A), hard(A, "198.18.1.1", B), Optional.empty());
        Outcome.Granted second = (Outcome.Granted) service.request(fromB);
        assertEquals(first.id(), second.id());
        assertEquals(first.port(), second.port());
        assertEquals(1, plane.open.size());
    }

    @Test
    void aPeerThatRoamedToAnotherPublicAddressGetsAFreshAllocation() throws RelayException {
        Outcome.Granted first = (Outcome.Granted) service.request(hardPair());
        RelayRequest roamed = new RelayRequest(hard(A, "198.18.7.7", B), hard(B, "198.18.2.1", A), Optional.empty());
        Outcome.Granted second = (Outcome.Granted) service.request(roamed);
        assertEquals(List.of(first.id()), plane.closed);
        assertEquals(IpAddresses.parse("198.18.7.7"), plane.open.get(second.id()).a().publicAddress());
        assertEquals(1, service.status().size());
    }

    @Test
    void releaseClosesTheAllocationWhenADirectPathWorks() throws RelayException {
        Outcome.Granted granted = (Outcome.Granted) service.request(hardPair());
        assertTrue(service.release(B, A));
        assertEquals(List.of(granted.id()), plane.closed);
        assertFalse(service.release(A, B), "nothing left to release");
        assertEquals(Optional.empty(), service.find(A, B));
    }

    @Test
    void aPendingAllocationExpiresWhenThePairNeverShowsUp() throws RelayException {
        Outcome.Granted granted = (Outcome.Granted) service.request(hardPair());
        advance(Duration.ofSeconds(29));
        assertEquals(List.of(), service.expireIdle());
        advance(Duration.ofSeconds(1));
        assertEquals(List.of(granted.id()), service.expireIdle());
        assertEquals(List.of(granted.id()), plane.closed);
    }

    @Test
    void anActiveAllocationLivesWhileItForwardsAndExpiresWhenIdle() throws RelayException {
        RelayAllocationId id = ((Outcome.Granted) service.request(hardPair())).id();
        plane.states.put(id, new RelayState.Active(Endpoint.parse("198.18.1.1:1"), Endpoint.parse("198.18.2.1:2")));
        for (int minute = 1; minute <= 10; minute++) {
            advance(Duration.ofMinutes(1));
            plane.counters.put(id, new RelayCounters(minute * 100L, minute * 100_000L, 0, 0));
            assertEquals(List.of(), service.expireIdle(), "still forwarding at minute " + minute);
        }
        advance(Duration.ofSeconds(179));
        assertEquals(List.of(), service.expireIdle());
        advance(Duration.ofSeconds(1));
        assertEquals(List.of(id), service.expireIdle());
    }

    @Test
    void metricsTotalsKeepWhatReleasedAllocationsForwarded() throws RelayException {
        RelayAllocationId id = ((Outcome.Granted) service.request(hardPair())).id();
        plane.counters.put(id, new RelayCounters(3, 300, 0, 0));
        assertEquals(1, service.granted());
        assertEquals(1, service.active());
        assertEquals(300, service.forwardedBytes());
        assertTrue(service.release(A, B));
        assertEquals(0, service.active());
        assertEquals(300, service.forwardedBytes(), "a released allocation's bytes stay counted");
        RelayAllocationId again = ((Outcome.Granted) service.request(hardPair())).id();
        plane.counters.put(again, new RelayCounters(1, 50, 0, 0));
        assertEquals(2, service.granted());
        assertEquals(350, service.forwardedBytes());
    }

    @Test
    void statusShowsPortStateAndCounters() throws RelayException {
        RelayAllocationId id = ((Outcome.Granted) service.request(hardPair())).id();
        plane.counters.put(id, new RelayCounters(3, 300, 1, 0));
        var status = service.find(A, B).orElseThrow();
        assertEquals(40000, status.port());
        assertEquals(new RelayState.Pending(), status.state());
        assertEquals(new RelayCounters(3, 300, 1, 0), status.counters());
        assertEquals(T0, status.since());
        assertEquals(List.of(status), service.status());
    }

    @Test
    void aDataPlaneFailureReachesTheCallerAndHoldsNothing() {
        plane.refuse = true;
        assertThrows(RelayException.class, () -> service.request(hardPair()));
        assertEquals(List.of(), service.status());
    }

    @Test
    void allocationsAreCappedInAllAndPerPublicAddress() throws RelayException {
        RelayAllocationService capped = new RelayAllocationService(plane, now::get, new RelayPolicy(Duration.ofSeconds(2)),
                new RelayIdlePolicy(Duration.ofSeconds(30), Duration.ofMinutes(3)), RelayLimits.PER_ALLOCATION_DEFAULT,
                3, 2);
        PublicKey c = key(3);
        PublicKey d = key(4);
        PublicKey e = key(5);
        // a (198.18.1.1) with b, then with c: two allocations for a's address, its maximum.
        assertInstanceOf(Outcome.Granted.class, capped.request(hardPair()));
        assertInstanceOf(Outcome.Granted.class, capped.request(new RelayRequest(hard(A, "198.18.1.1", B, c),
                hard(c, "198.18.3.1", A), Optional.empty())));
        RelayException perAddress = assertThrows(RelayException.class, () -> capped.request(new RelayRequest(
                hard(A, "198.18.1.1", d), hard(d, "198.18.4.1", A), Optional.empty())));
        assertTrue(perAddress.getMessage().contains("public address"), perAddress.getMessage());
        assertInstanceOf(Outcome.Granted.class, capped.request(new RelayRequest(hard(d, "198.18.4.1", e),
                hard(e, "198.18.5.1", d), Optional.empty())));
        RelayException full = assertThrows(RelayException.class, () -> capped.request(new RelayRequest(
                hard(key(6), "198.18.6.1", key(7)), hard(key(7), "198.18.7.1", key(6)), Optional.empty())));
        assertTrue(full.getMessage().contains("maximum"), full.getMessage());
        assertEquals(3, plane.open.size());
        // an allocation the pair already holds is still answered
        assertInstanceOf(Outcome.Granted.class, capped.request(hardPair()));
    }
}
