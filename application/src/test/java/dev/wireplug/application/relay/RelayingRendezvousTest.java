package dev.wireplug.application.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.service.MapRendezvousStore;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayIdlePolicy;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPolicy;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelayingRendezvousTest {
    private static final PublicKey A = key(1);
    private static final PublicKey B = key(2);
    private static final PublicKey C = key(3);
    private static final String RELAY_ADDRESS = "198.18.0.10";

    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    /** One store shared by the plain rendezvous and the relay, as in wpcod. */
    private final MapRendezvousStore store = new MapRendezvousStore();
    private final FakeRelayDataPlane plane = new FakeRelayDataPlane();
    private final List<Push> pushes = new ArrayList<>();
    private final RelayingRendezvous rendezvous = new RelayingRendezvous(
            notifier -> new RendezvousService(store, notifier, () -> now, Duration.ofSeconds(90)),
            store,
            new RelayAllocationService(plane, () -> now, new RelayPolicy(Duration.ofSeconds(2)),
                    new RelayIdlePolicy(Duration.ofSeconds(30), Duration.ofMinutes(3)), RelayLimits.PER_ALLOCATION_DEFAULT),
            (recipient, view) -> pushes.add(new Push(recipient, view)), () -> now, IpAddresses.parse(RELAY_ADDRESS));

    private record Push(PublicKey recipient, PeerView view) {}

    private static PublicKey key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.of(bytes);
    }

    private static Announcement announce(PublicKey who, String observed, NatKind nat, PublicKey... wants) {
        Map<PublicKey, SealedHint> wanted = new HashMap<>();
        for (PublicKey w : wants) {
            wanted.put(w, SealedHint.none());
        }
        return new Announcement(who, Endpoint.parse(observed), 51820, nat, Optional.empty(), wanted);
    }

    private List<PeerView> hardPair() {
        rendezvous.announce(announce(A, "198.18.1.1:1000", NatKind.DESTINATION_DEPENDENT, B));
        return rendezvous.announce(announce(B, "198.18.1.2:1000", NatKind.DESTINATION_DEPENDENT, A));
    }

    private Optional<Endpoint> lastPushedRelay(PublicKey recipient) {
        for (int i = pushes.size() - 1; i >= 0; i--) {
            if (pushes.get(i).recipient().equals(recipient)) {
                return pushes.get(i).view().relay();
            }
        }
        throw new AssertionError("nothing pushed to " + recipient.shortForm());
    }

    @Test
    void twoHardNatsAreToldTheSameRelayEndpointInTheAnswerAndThePush() {
        List<PeerView> reply = hardPair();
        Endpoint relay = new Endpoint(IpAddresses.parse(RELAY_ADDRESS), 40000);
        assertEquals(Optional.of(relay), reply.get(0).relay());
        assertEquals(Optional.of(relay), lastPushedRelay(A));
        assertEquals(Optional.of(relay), lastPushedRelay(B));
        assertEquals(1, plane.open.size());
        assertEquals(1, rendezvous.allocations().size());
    }

    @Test
    void peersThatCanReachEachOtherGetNoRelay() {
        rendezvous.announce(announce(A, "198.18.1.1:1000", NatKind.FIXED_MAPPING, B));
        List<PeerView> reply = rendezvous.announce(announce(B, "198.18.1.2:1000", NatKind.DESTINATION_DEPENDENT, A));
        assertEquals(Optional.empty(), reply.get(0).relay());
        assertTrue(plane.open.isEmpty());
    }

    @Test
    void aPeerThatIsNotListedBackGetsNoRelay() {
        rendezvous.announce(announce(A, "198.18.1.1:1000", NatKind.DESTINATION_DEPENDENT, B));
        rendezvous.announce(announce(C, "198.18.1.3:1000", NatKind.DESTINATION_DEPENDENT, A));
        rendezvous.reportPath(C, A, DirectPathReport.DIRECT_FAILING);
        now = now.plusSeconds(5);
        rendezvous.reportPath(C, A, DirectPathReport.DIRECT_FAILING);
        assertTrue(plane.open.isEmpty());
    }

    @Test
    void directAttemptsFailingForTheGraceGetARelay() {
        rendezvous.announce(announce(A, "198.18.1.1:1000", NatKind.FIXED_MAPPING, B));
        rendezvous.announce(announce(B, "198.18.1.2:1000", NatKind.DESTINATION_DEPENDENT, A));
        rendezvous.reportPath(A, B, DirectPathReport.DIRECT_FAILING);
        assertTrue(plane.open.isEmpty(), "not before the grace");
        now = now.plusSeconds(1);
        rendezvous.reportPath(B, A, DirectPathReport.DIRECT_FAILING);
        now = now.plusSeconds(1);
        rendezvous.reportPath(A, B, DirectPathReport.DIRECT_FAILING);
        assertEquals(1, plane.open.size());
        assertTrue(lastPushedRelay(A).isPresent());
        assertTrue(lastPushedRelay(B).isPresent());
    }

    @Test
    void theRelayIsReleasedOnlyWhenBothSidesReportADirectPath() {
        hardPair();
        rendezvous.reportPath(A, B, DirectPathReport.DIRECT_WORKS);
        assertEquals(1, rendezvous.allocations().size());
        rendezvous.reportPath(B, A, DirectPathReport.DIRECT_WORKS);
        assertEquals(0, rendezvous.allocations().size());
        assertEquals(1, plane.closed.size());
        assertEquals(Optional.empty(), lastPushedRelay(A));
        assertEquals(Optional.empty(), lastPushedRelay(B));
    }

    @Test
    void aHeldRelayFollowsARoamToANewPublicAddressAndBothSidesAreToldTheNewPort() {
        hardPair();
        Endpoint first = lastPushedRelay(B).orElseThrow();
        rendezvous.announce(announce(A, "198.18.1.3:1000", NatKind.NO_MAPPING, B));
        Endpoint moved = lastPushedRelay(B).orElseThrow();
        assertNotEquals(first, moved);
        assertEquals(Optional.of(moved), lastPushedRelay(A));
        assertEquals(IpAddresses.parse("198.18.1.3"),
                rendezvous.allocations().get(0).a().key().equals(A) ? rendezvous.allocations().get(0).a().publicAddress()
                        : rendezvous.allocations().get(0).b().publicAddress());
    }

    @Test
    void anIdleAllocationExpiresAndBothSidesAreToldItIsGone() {
        hardPair();
        now = now.plusSeconds(31);
        rendezvous.expire();
        assertEquals(0, rendezvous.allocations().size());
        assertEquals(Optional.empty(), lastPushedRelay(A));
        assertEquals(Optional.empty(), lastPushedRelay(B));
    }

    @Test
    void anAllocationInUseDoesNotExpire() {
        hardPair();
        var id = rendezvous.allocations().get(0).id();
        plane.states.put(id, new dev.wireplug.domain.relay.RelayState.Active(Endpoint.parse("198.18.1.1:2000"),
                Endpoint.parse("198.18.1.2:2000")));
        plane.counters.put(id, new RelayCounters(10, 1000, 0, 0));
        now = now.plusSeconds(31);
        rendezvous.expire();
        assertEquals(1, rendezvous.allocations().size());
    }

    @Test
    void whenARecordExpiresItsAllocationIsReleased() {
        hardPair();
        now = now.plusSeconds(91);
        rendezvous.expire();
        assertEquals(0, rendezvous.allocations().size());
    }

    @Test
    void reportsFromOutsideThePairChangeNothing() {
        hardPair();
        rendezvous.announce(announce(C, "198.18.1.3:1000", NatKind.DESTINATION_DEPENDENT, A, B));
        rendezvous.reportPath(C, A, DirectPathReport.DIRECT_WORKS);
        rendezvous.reportPath(C, B, DirectPathReport.DIRECT_WORKS);
        rendezvous.reportPath(A, B, DirectPathReport.DIRECT_WORKS);
        assertEquals(1, rendezvous.allocations().size(), "C cannot release A and B's relay");
        rendezvous.reportPath(A, A, DirectPathReport.DIRECT_WORKS);
        assertEquals(1, rendezvous.allocations().size());
    }

    @Test
    void aDataPlaneThatCannotOpenMeansNoRelayButStillAnAnswer() {
        plane.refuse = true;
        List<PeerView> reply = hardPair();
        assertEquals(1, reply.size());
        assertEquals(Optional.empty(), reply.get(0).relay());
    }
}
