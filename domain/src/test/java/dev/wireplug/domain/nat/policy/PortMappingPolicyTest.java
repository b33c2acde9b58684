package dev.wireplug.domain.nat.policy;

import static dev.wireplug.domain.nat.MappingMethod.NATPMP;
import static dev.wireplug.domain.nat.MappingMethod.PCP;
import static dev.wireplug.domain.nat.MappingMethod.UPNP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.nat.GatewayEpoch;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PortMappingPolicyTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final InetAddress GW = IpAddresses.parse("10.0.1.1");
    static final InetAddress PUBLIC = IpAddresses.parse("198.18.0.1");
    static final Duration LIFE = Duration.ofSeconds(7200);

    PortMappingPolicy policy = new PortMappingPolicy(PolicySettings.defaults(List.of(PCP, NATPMP, UPNP)), new Random(1));

    static MappingLease lease(MappingMethod m, int externalPort, Optional<InetAddress> ext, Instant at, long epoch) {
        return new MappingLease(new PortMapping(m, 51820, ext, externalPort, at, LIFE), GW,
                Optional.of(new GatewayEpoch(epoch, at)), new byte[] {1, 2});
    }

    static MappingOutcome granted(MappingLease l) {
        return new MappingOutcome.Granted(l);
    }

    static final MappingOutcome NONE = new MappingOutcome.NotSupported("no answer");

    long start() {
        List<MappingAction> a = policy.on(new MappingEvent.Started(T0));
        MappingAction.Probe probe = (MappingAction.Probe) a.get(0);
        assertEquals(List.of(PCP, NATPMP, UPNP), probe.methods());
        assertEquals(LIFE, probe.lifetime());
        assertEquals(PortMappingPolicy.Phase.PROBING, policy.phase());
        return probe.round();
    }

    List<MappingAction> answer(long round, MappingMethod m, MappingOutcome o) {
        return policy.on(new MappingEvent.ProbeAnswered(round, m, o, T0.plusMillis(100)));
    }

    MappingLease holdPcp(Optional<InetAddress> ext) {
        long r = start();
        MappingLease l = lease(PCP, 51820, ext, T0, 100);
        answer(r, PCP, granted(l));
        return l;
    }

    @Test
    void startProbesEveryConfiguredMethodAtOnce() {
        start();
    }

    @Test
    void noConfiguredMethodsMeansNothingIsTried() {
        policy = new PortMappingPolicy(PolicySettings.defaults(List.of()), new Random(1));
        assertEquals(List.of(), policy.on(new MappingEvent.Started(T0)));
        assertEquals(PortMappingPolicy.Phase.IDLE, policy.phase());
    }

    @Test
    void mostPreferredGrantWinsAtOnce() {
        long r = start();
        MappingLease l = lease(PCP, 51820, Optional.of(PUBLIC), T0, 100);
        List<MappingAction> a = answer(r, PCP, granted(l));
        assertEquals(PortMappingPolicy.Phase.HOLDING, policy.phase());
        assertEquals(Optional.of(l), policy.lease());
        assertTrue(a.contains(new MappingAction.ScheduleTick(T0.plusSeconds(3600))), a.toString());
    }

    @Test
    void lessPreferredGrantWaitsForTheMorePreferredAnswers() {
        long r = start();
        MappingLease upnp = lease(UPNP, 51820, Optional.of(PUBLIC), T0, 0);
        assertEquals(List.of(), answer(r, UPNP, granted(upnp)));
        assertEquals(PortMappingPolicy.Phase.PROBING, policy.phase());
        answer(r, PCP, NONE);
        assertEquals(PortMappingPolicy.Phase.PROBING, policy.phase());
        answer(r, NATPMP, new MappingOutcome.Refused("not authorized", Duration.ZERO));
        assertEquals(PortMappingPolicy.Phase.HOLDING, policy.phase());
        assertEquals(UPNP, policy.lease().orElseThrow().method());
    }

    @Test
    void otherGrantsAreDeletedSoNoStrayMappingStays() {
        long r = start();
        MappingLease natpmp = lease(NATPMP, 51820, Optional.of(PUBLIC), T0, 100);
        MappingLease pcp = lease(PCP, 51821, Optional.of(PUBLIC), T0, 100);
        MappingLease upnp = lease(UPNP, 51822, Optional.of(PUBLIC), T0, 0);
        answer(r, NATPMP, granted(natpmp));
        List<MappingAction> a = answer(r, PCP, granted(pcp));
        assertTrue(a.contains(new MappingAction.Delete(natpmp)), a.toString());
        assertEquals(Optional.of(pcp), policy.lease());
        List<MappingAction> late = answer(r, UPNP, granted(upnp));
        assertEquals(List.of(new MappingAction.Delete(upnp)), late);
    }

    @Test
    void anotherProtocolsGrantOfTheSameGatewayEntryIsNotDeleted() {
        // miniupnpd keeps one entry per internal port: NAT-PMP and UPnP "grants" for the port PCP
        // holds are that same entry, and deleting them would delete the PCP mapping.
        long r = start();
        MappingLease pcp = lease(PCP, 51820, Optional.of(PUBLIC), T0, 100);
        MappingLease natpmp = lease(NATPMP, 51820, Optional.of(PUBLIC), T0, 100);
        MappingLease upnp = lease(UPNP, 51820, Optional.empty(), T0, 0);
        answer(r, NATPMP, granted(natpmp));
        List<MappingAction> a = answer(r, PCP, granted(pcp));
        assertTrue(a.stream().noneMatch(x -> x instanceof MappingAction.Delete), a.toString());
        assertEquals(List.of(), answer(r, UPNP, granted(upnp)));
        assertEquals(Optional.of(pcp), policy.lease());
    }

    @Test
    void grantFromAnOldRoundIsDeleted() {
        long r = start();
        policy.on(new MappingEvent.NetworkChanged(T0.plusSeconds(1)));
        MappingLease old = lease(PCP, 51820, Optional.of(PUBLIC), T0, 100);
        assertEquals(List.of(new MappingAction.Delete(old)), answer(r, PCP, granted(old)));
        assertEquals(PortMappingPolicy.Phase.PROBING, policy.phase());
    }

    @Test
    void aGatewayAnnouncingItselfWhileNothingAnsweredIsAskedAgainSoonButNotOnEveryAnnouncement() {
        long r = start();
        answer(r, PCP, NONE);
        answer(r, NATPMP, NONE);
        answer(r, UPNP, NONE);
        Instant started = T0.plusSeconds(20);
        List<MappingAction> a = policy.on(new MappingEvent.EpochObserved(GW, PCP, new GatewayEpoch(0, started), started));
        MappingAction.ScheduleTick tick = (MappingAction.ScheduleTick) a.get(0);
        assertTrue(!tick.at().isBefore(started) && !tick.at().isAfter(started.plusSeconds(5)), tick.toString());
        MappingAction.Probe p = (MappingAction.Probe) policy.on(new MappingEvent.Tick(tick.at())).get(0);
        assertTrue(p.round() > r);
        answer(p.round(), PCP, NONE);
        answer(p.round(), NATPMP, NONE);
        answer(p.round(), UPNP, NONE);
        Instant soon = started.plusSeconds(10);
        assertEquals(List.of(), policy.on(new MappingEvent.EpochObserved(GW, PCP, new GatewayEpoch(10, soon), soon)),
                "a second announcement within the minimum retry asks nothing");
    }

    @Test
    void nothingAnsweringMeansUnavailableUntilTheRetryTimer() {
        long r = start();
        answer(r, PCP, NONE);
        answer(r, NATPMP, NONE);
        List<MappingAction> a = answer(r, UPNP, NONE);
        assertEquals(PortMappingPolicy.Phase.UNAVAILABLE, policy.phase());
        Instant retry = T0.plusMillis(100).plus(Duration.ofMinutes(10));
        assertEquals(List.of(new MappingAction.ScheduleTick(retry)), a);
        assertEquals(List.of(new MappingAction.ScheduleTick(retry)), policy.on(new MappingEvent.Tick(retry.minusSeconds(1))));
        MappingAction.Probe p = (MappingAction.Probe) policy.on(new MappingEvent.Tick(retry)).get(0);
        assertTrue(p.round() > r);
    }

    @Test
    void refusalRetriesSoonerButNeverBeforeTheMinimum() {
        long r = start();
        answer(r, PCP, new MappingOutcome.Refused("NO_RESOURCES", Duration.ofSeconds(120)));
        answer(r, NATPMP, new MappingOutcome.Refused("refused", Duration.ZERO));
        List<MappingAction> a = answer(r, UPNP, NONE);
        assertEquals(List.of(new MappingAction.ScheduleTick(T0.plusMillis(100).plusSeconds(30))), a);
    }

    @Test
    void startedWhileHoldingChangesNothing() {
        holdPcp(Optional.of(PUBLIC));
        assertEquals(List.of(), policy.on(new MappingEvent.Started(T0.plusSeconds(5))));
    }

    @Test
    void renewsAtHalfTheLifetimeAndOnlyOnce() {
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        assertEquals(List.of(new MappingAction.ScheduleTick(T0.plusSeconds(3600))),
                policy.on(new MappingEvent.Tick(T0.plusSeconds(3600).minusNanos(1))), "an early tick re-arms the timer");
        assertEquals(List.of(new MappingAction.Renew(l, LIFE)), policy.on(new MappingEvent.Tick(T0.plusSeconds(3600))));
        assertEquals(List.of(), policy.on(new MappingEvent.Tick(T0.plusSeconds(3601))));
        MappingLease renewed = lease(PCP, 51820, Optional.of(PUBLIC), T0.plusSeconds(3600), 3700);
        List<MappingAction> a = policy.on(new MappingEvent.RenewAnswered(l, granted(renewed), T0.plusSeconds(3600)));
        assertEquals(List.of(new MappingAction.ScheduleTick(T0.plusSeconds(7200))), a);
        assertEquals(Optional.of(renewed), policy.lease());
    }

    @Test
    void renewalGrantingAnotherPortIsPublished() {
        policy.on(new MappingEvent.AddressObserved(PUBLIC));
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        policy.on(new MappingEvent.Tick(T0.plusSeconds(3600)));
        MappingLease moved = lease(PCP, 40001, Optional.of(PUBLIC), T0.plusSeconds(3600), 3700);
        List<MappingAction> a = policy.on(new MappingEvent.RenewAnswered(l, granted(moved), T0.plusSeconds(3600)));
        assertTrue(a.contains(new MappingAction.Publish(Optional.of(moved.mapping()),
                Optional.of(new Endpoint(PUBLIC, 40001)))), a.toString());
    }

    @Test
    void refusedRenewalRetriesBeforeExpiry() {
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        policy.on(new MappingEvent.Tick(T0.plusSeconds(3600)));
        List<MappingAction> a = policy.on(new MappingEvent.RenewAnswered(l,
                new MappingOutcome.Refused("NETWORK_FAILURE", Duration.ofSeconds(60)), T0.plusSeconds(3600)));
        assertEquals(List.of(new MappingAction.ScheduleTick(T0.plusSeconds(3660))), a);
        assertEquals(List.of(new MappingAction.Renew(l, LIFE)), policy.on(new MappingEvent.Tick(T0.plusSeconds(3660))));
    }

    @Test
    void renewalFailingUntilExpiryDropsTheMappingAndProbesAgain() {
        policy.on(new MappingEvent.AddressObserved(PUBLIC));
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        policy.on(new MappingEvent.Tick(T0.plusSeconds(3600)));
        List<MappingAction> a = policy.on(new MappingEvent.RenewAnswered(l, NONE, T0.plusSeconds(7190)));
        assertTrue(a.contains(new MappingAction.Publish(Optional.empty(), Optional.empty())), a.toString());
        assertTrue(a.stream().anyMatch(x -> x instanceof MappingAction.Probe), a.toString());
        assertEquals(PortMappingPolicy.Phase.PROBING, policy.phase());
    }

    @Test
    void renewalAnswerForAnotherLeaseIsDeletedIfGranted() {
        holdPcp(Optional.of(PUBLIC));
        MappingLease stranger = lease(NATPMP, 5, Optional.of(PUBLIC), T0, 1);
        assertEquals(List.of(new MappingAction.Delete(stranger)),
                policy.on(new MappingEvent.RenewAnswered(stranger, granted(stranger), T0)));
    }

    @Test
    void epochResetFromTheSameGatewayRemapsAfterAShortJitter() {
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        Instant later = T0.plusSeconds(600);
        List<MappingAction> a = policy.on(new MappingEvent.EpochObserved(GW, PCP, new GatewayEpoch(3, later), later));
        MappingAction.ScheduleTick tick = (MappingAction.ScheduleTick) a.get(0);
        assertTrue(!tick.at().isBefore(later) && !tick.at().isAfter(later.plusSeconds(5)), tick.toString());
        assertEquals(List.of(new MappingAction.Renew(l, LIFE)), policy.on(new MappingEvent.Tick(tick.at())));
    }

    @Test
    void steadyEpochOrAnotherGatewaysEpochChangesNothing() {
        holdPcp(Optional.of(PUBLIC));
        Instant later = T0.plusSeconds(600);
        assertEquals(List.of(), policy.on(new MappingEvent.EpochObserved(GW, PCP, new GatewayEpoch(700, later), later)));
        assertEquals(List.of(), policy.on(new MappingEvent.EpochObserved(PUBLIC, PCP, new GatewayEpoch(3, later), later)));
        // a NAT-PMP epoch says nothing about a PCP lease, even from the same gateway
        assertEquals(List.of(), policy.on(new MappingEvent.EpochObserved(GW, NATPMP, new GatewayEpoch(3, later), later)));
    }

    @Test
    void networkChangeDeletesTheOldMappingAndProbesAfresh() {
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        List<MappingAction> a = policy.on(new MappingEvent.NetworkChanged(T0.plusSeconds(10)));
        assertEquals(new MappingAction.Delete(l), a.get(0));
        assertTrue(a.get(a.size() - 1) instanceof MappingAction.Probe, a.toString());
        assertEquals(Optional.empty(), policy.lease());
    }

    @Test
    void leavingTheNetworkDeletesAndGoesIdle() {
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        assertEquals(List.of(new MappingAction.Delete(l)), policy.on(new MappingEvent.LeftNetwork()));
        assertEquals(PortMappingPolicy.Phase.IDLE, policy.phase());
        assertTrue(policy.on(new MappingEvent.Started(T0)).get(0) instanceof MappingAction.Probe);
    }

    @Test
    void shutdownDeletesAndAnyLateGrantIsDeletedToo() {
        policy.on(new MappingEvent.AddressObserved(PUBLIC));
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        List<MappingAction> a = policy.on(new MappingEvent.Shutdown());
        assertEquals(List.of(new MappingAction.Delete(l), new MappingAction.Publish(Optional.empty(), Optional.empty())), a);
        assertEquals(PortMappingPolicy.Phase.STOPPED, policy.phase());
        MappingLease late = lease(UPNP, 9999, Optional.empty(), T0, 0);
        assertEquals(List.of(new MappingAction.Delete(late)), answer(1, UPNP, granted(late)));
        assertEquals(List.of(), policy.on(new MappingEvent.Started(T0)));
        assertEquals(List.of(), policy.on(new MappingEvent.NetworkChanged(T0)));
    }

    @Test
    void trustedMappingIsPublishedAtTheObservedAddress() {
        policy.on(new MappingEvent.AddressObserved(PUBLIC));
        long r = start();
        MappingLease l = lease(PCP, 40000, Optional.of(PUBLIC), T0, 100);
        List<MappingAction> a = answer(r, PCP, granted(l));
        assertTrue(a.contains(new MappingAction.Publish(Optional.of(l.mapping()), Optional.of(new Endpoint(PUBLIC, 40000)))),
                a.toString());
        assertEquals(Optional.of(MappingTrust.TRUSTED), policy.status().trust());
    }

    @Test
    void doubleNatMappingIsNeverPublished() {
        policy.on(new MappingEvent.AddressObserved(IpAddresses.parse("203.0.113.50")));
        long r = start();
        List<MappingAction> a = answer(r, PCP, granted(lease(PCP, 40000, Optional.of(PUBLIC), T0, 100)));
        assertTrue(a.stream().noneMatch(x -> x instanceof MappingAction.Publish || x instanceof MappingAction.Verify),
                a.toString());
        assertEquals(Optional.of(MappingTrust.DOUBLE_NAT), policy.status().trust());
    }

    @Test
    void emptyExternalAddressIsVerifiedBeforeBeingPublished() {
        long r = start();
        MappingLease l = lease(UPNP, 40000, Optional.empty(), T0, 0);
        answer(r, PCP, NONE);
        answer(r, NATPMP, NONE);
        List<MappingAction> a = answer(r, UPNP, granted(l));
        assertTrue(a.stream().noneMatch(x -> x instanceof MappingAction.Publish), a.toString());
        // Nothing observed yet: no probe can be aimed.
        assertTrue(a.stream().noneMatch(x -> x instanceof MappingAction.Verify), a.toString());
        List<MappingAction> b = policy.on(new MappingEvent.AddressObserved(PUBLIC));
        assertEquals(List.of(new MappingAction.Verify(new Endpoint(PUBLIC, 40000))), b);
        List<MappingAction> c = policy.on(new MappingEvent.VerificationAnswered(40000, true));
        assertEquals(List.of(new MappingAction.Publish(Optional.of(l.mapping()), Optional.of(new Endpoint(PUBLIC, 40000)))), c);
        assertEquals(Optional.of(MappingTrust.TRUSTED), policy.status().trust());
    }

    @Test
    void failedVerificationLeavesTheMappingUnpublished() {
        policy.on(new MappingEvent.AddressObserved(PUBLIC));
        holdPcp(Optional.of(IpAddresses.parse("10.9.9.9")));
        assertEquals(List.of(), policy.on(new MappingEvent.VerificationAnswered(51820, false)));
        assertEquals(Optional.of(MappingTrust.UNREACHABLE), policy.status().trust());
        assertEquals(List.of(), policy.on(new MappingEvent.VerificationAnswered(1234, true)));
    }

    @Test
    void newObservedAddressAsksForAFreshVerification() {
        policy.on(new MappingEvent.AddressObserved(PUBLIC));
        holdPcp(Optional.empty());
        policy.on(new MappingEvent.VerificationAnswered(51820, true));
        InetAddress other = IpAddresses.parse("198.18.0.77");
        List<MappingAction> a = policy.on(new MappingEvent.AddressObserved(other));
        assertEquals(List.of(new MappingAction.Verify(new Endpoint(other, 51820)),
                new MappingAction.Publish(Optional.empty(), Optional.empty())), a);
        assertEquals(List.of(), policy.on(new MappingEvent.AddressObserved(other)));
    }

    @Test
    void statusShowsPhaseMethodPortAndExpiry() {
        MappingLease l = holdPcp(Optional.of(PUBLIC));
        MappingStatus s = policy.status();
        assertEquals(PortMappingPolicy.Phase.HOLDING, s.phase());
        assertEquals(Optional.of(l.mapping()), s.mapping());
        assertEquals(T0.plus(LIFE), s.mapping().orElseThrow().expiresAt());
    }
}
