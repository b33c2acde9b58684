package dev.wireplug.domain.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.endpoint.EndpointChoice.Decision;
import dev.wireplug.domain.endpoint.EndpointChoice.Path;
import dev.wireplug.domain.hint.EndpointHint;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EndpointChoiceTest {
    private static final Endpoint OBSERVED = Endpoint.parse("198.18.1.1:40001");
    private static final Endpoint MAPPED = Endpoint.parse("198.18.1.1:50000");
    private static final Endpoint V6 = Endpoint.parse("[2001:db8:1::2]:51820");
    private static final Endpoint LAN = Endpoint.parse("10.1.0.3:51820");
    private static final Endpoint RELAY = Endpoint.parse("198.18.0.2:60000");

    private static LocalView local(String publicAddress, String lan, boolean ipv6, NatKind kind) {
        return new LocalView(Optional.of(IpAddresses.parse(publicAddress)), List.of(IpPrefix.parse(lan)), ipv6, kind);
    }

    private static PeerView peer(Optional<Endpoint> mapped, Optional<Endpoint> ipv6, NatKind kind,
            Optional<Endpoint> relay) {
        return new PeerView(Optional.of(OBSERVED), mapped, ipv6, List.of(LAN), List.of(IpPrefix.parse("10.1.0.3/24")),
                kind, relay);
    }

    private static final LocalView ELSEWHERE = local("198.18.2.1", "10.2.0.2/24", false, NatKind.FIXED_MAPPING);

    @Test
    void samePublicAddressAndOverlappingLanUsesTheLanAddress() {
        Decision d = EndpointChoice.choose(local("198.18.1.1", "10.1.0.2/24", true, NatKind.FIXED_MAPPING),
                peer(Optional.of(MAPPED), Optional.of(V6), NatKind.FIXED_MAPPING, Optional.of(RELAY)), PathFailures.NONE);
        assertEquals(new EndpointHint.SameLan(LAN), d.hint());
        assertEquals(Path.LAN, d.path());
    }

    @Test
    void samePublicAddressButAnotherLanIsNotSameLan() {
        // Two different LANs behind one carrier-grade NAT share the public address.
        Decision d = EndpointChoice.choose(local("198.18.1.1", "10.9.0.2/24", false, NatKind.FIXED_MAPPING),
                peer(Optional.empty(), Optional.empty(), NatKind.FIXED_MAPPING, Optional.empty()), PathFailures.NONE);
        assertEquals(new EndpointHint.Remote(OBSERVED), d.hint());
    }

    @Test
    void overlappingLanButAnotherPublicAddressIsNotSameLan() {
        // Everyone uses 10.1.0.0/24 at home: an overlapping prefix alone proves nothing.
        Decision d = EndpointChoice.choose(local("198.18.7.7", "10.1.0.2/24", false, NatKind.FIXED_MAPPING),
                peer(Optional.empty(), Optional.empty(), NatKind.FIXED_MAPPING, Optional.empty()), PathFailures.NONE);
        assertEquals(Path.OBSERVED, d.path());
    }

    @Test
    void ipv6WhenBothSidesHaveIt() {
        LocalView withV6 = local("198.18.2.1", "10.2.0.2/24", true, NatKind.DESTINATION_DEPENDENT);
        assertEquals(new EndpointHint.Remote(V6), EndpointChoice.choose(withV6,
                peer(Optional.of(MAPPED), Optional.of(V6), NatKind.FIXED_MAPPING, Optional.empty()),
                PathFailures.NONE).hint());
        assertEquals(Path.MAPPED, EndpointChoice.choose(ELSEWHERE,
                peer(Optional.of(MAPPED), Optional.of(V6), NatKind.FIXED_MAPPING, Optional.empty()),
                PathFailures.NONE).path(), "we have no IPv6");
    }

    @Test
    void aFailedIpv6AttemptFallsBackToIpv4() {
        LocalView withV6 = local("198.18.2.1", "10.2.0.2/24", true, NatKind.FIXED_MAPPING);
        PeerView p = peer(Optional.empty(), Optional.of(V6), NatKind.FIXED_MAPPING, Optional.empty());
        assertEquals(Path.IPV6, EndpointChoice.choose(withV6, p, PathFailures.NONE).path());
        assertEquals(new EndpointHint.Remote(OBSERVED),
                EndpointChoice.choose(withV6, p, PathFailures.NONE.withFailed(Path.IPV6)).hint());
    }

    @Test
    void aGatewayMappingBeatsTheObservedAddress() {
        assertEquals(new EndpointHint.Remote(MAPPED), EndpointChoice.choose(ELSEWHERE,
                peer(Optional.of(MAPPED), Optional.empty(), NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)),
                PathFailures.NONE).hint());
    }

    @Test
    void theReasonSaysAGatewayMappingOnlyBehindAHardNat() {
        assertEquals("the peer's gateway maps a port for it", EndpointChoice.choose(ELSEWHERE,
                peer(Optional.of(MAPPED), Optional.empty(), NatKind.DESTINATION_DEPENDENT, Optional.empty()),
                PathFailures.NONE).reason());
        assertEquals("the peer announced the public endpoint its NAT maps it to", EndpointChoice.choose(ELSEWHERE,
                peer(Optional.of(MAPPED), Optional.empty(), NatKind.FIXED_MAPPING, Optional.empty()),
                PathFailures.NONE).reason());
    }

    @ParameterizedTest
    @EnumSource(value = NatKind.class, names = {"NO_MAPPING", "FIXED_MAPPING", "UNKNOWN"})
    void predictableNatsAreReachedAtTheObservedAddress(NatKind kind) {
        assertEquals(new EndpointHint.Remote(OBSERVED), EndpointChoice.choose(ELSEWHERE,
                peer(Optional.empty(), Optional.empty(), kind, Optional.of(RELAY)), PathFailures.NONE).hint());
    }

    @Test
    void aHardNatWithoutMappingGoesThroughTheRelay() {
        Decision d = EndpointChoice.choose(ELSEWHERE,
                peer(Optional.empty(), Optional.empty(), NatKind.DESTINATION_DEPENDENT, Optional.of(RELAY)),
                PathFailures.NONE);
        assertEquals(new EndpointHint.Relayed(RELAY), d.hint());
        assertEquals("no direct path can work", d.reason());
    }

    @Test
    void failedDirectAttemptsGoThroughTheRelay() {
        Decision d = EndpointChoice.choose(ELSEWHERE,
                peer(Optional.of(MAPPED), Optional.empty(), NatKind.FIXED_MAPPING, Optional.of(RELAY)),
                PathFailures.NONE.withFailed(Path.MAPPED));
        assertEquals(new EndpointHint.Relayed(RELAY), d.hint());
        assertEquals("direct attempts failed", d.reason());
    }

    @Test
    void withoutARelayTheObservedAddressIsStillTried() {
        assertEquals(new EndpointHint.Remote(OBSERVED), EndpointChoice.choose(ELSEWHERE,
                peer(Optional.empty(), Optional.empty(), NatKind.DESTINATION_DEPENDENT, Optional.empty()),
                PathFailures.NONE).hint());
    }

    @Test
    void nothingKnownLeavesTheEndpointAlone() {
        PeerView nothing = new PeerView(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                NatKind.UNKNOWN, Optional.empty());
        Decision d = EndpointChoice.choose(ELSEWHERE, nothing, PathFailures.NONE);
        assertEquals(new EndpointHint.Unknown(), d.hint());
        assertEquals(Path.NONE, d.path());
    }

    @Test
    void aFailedLanAttemptMovesOnToThePublicPath() {
        LocalView sameNat = local("198.18.1.1", "10.1.0.2/24", false, NatKind.FIXED_MAPPING);
        PeerView p = peer(Optional.empty(), Optional.empty(), NatKind.FIXED_MAPPING, Optional.empty());
        assertEquals(Path.LAN, EndpointChoice.choose(sameNat, p, PathFailures.NONE).path());
        assertEquals(Path.OBSERVED, EndpointChoice.choose(sameNat, p, PathFailures.NONE.withFailed(Path.LAN)).path());
    }

    @Test
    void failuresOfRelayOrNothingChangeNothing() {
        assertEquals(PathFailures.NONE, PathFailures.NONE.withFailed(Path.RELAY).withFailed(Path.NONE));
        assertEquals(new PathFailures(false, false, true), PathFailures.NONE.withFailed(Path.OBSERVED));
    }

    @Test
    void aRelayIsNeededOnlyWhenBothSidesAreHardAndUnmapped() {
        LocalView hard = local("198.18.2.1", "10.2.0.2/24", false, NatKind.DESTINATION_DEPENDENT);
        PeerView hardPeer = peer(Optional.empty(), Optional.empty(), NatKind.DESTINATION_DEPENDENT, Optional.empty());
        assertTrue(EndpointChoice.needsRelay(hard, false, hardPeer));
        assertFalse(EndpointChoice.needsRelay(hard, true, hardPeer), "we hold a mapping");
        assertFalse(EndpointChoice.needsRelay(hard, false,
                peer(Optional.of(MAPPED), Optional.empty(), NatKind.DESTINATION_DEPENDENT, Optional.empty())));
        assertFalse(EndpointChoice.needsRelay(ELSEWHERE, false, hardPeer), "we are reachable");
        assertFalse(EndpointChoice.needsRelay(hard, false,
                peer(Optional.empty(), Optional.empty(), NatKind.FIXED_MAPPING, Optional.empty())));
    }
}
