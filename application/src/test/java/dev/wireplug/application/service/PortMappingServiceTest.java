package dev.wireplug.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.GatewayFinder;
import dev.wireplug.application.port.out.MappingPublisher;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.application.port.out.Scheduler;
import dev.wireplug.domain.nat.GatewayEpoch;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.nat.UnmapOutcome;
import dev.wireplug.domain.nat.policy.PolicySettings;
import dev.wireplug.domain.nat.policy.PortMappingPolicy;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PortMappingServiceTest {
    static final InetAddress GW = IpAddresses.parse("10.0.1.1");
    static final InetAddress PUBLIC = IpAddresses.parse("198.18.0.1");

    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    /** Manual scheduler: background work runs when the test says so, timers when time moves. */
    final class ManualScheduler implements Scheduler {
        final Deque<Runnable> ready = new ArrayDeque<>();
        final List<Object[]> timers = new ArrayList<>();

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Object[] t = {now.plus(delay), task};
            timers.add(t);
            return () -> timers.remove(t);
        }

        @Override
        public void execute(Runnable task) {
            ready.add(task);
        }

        void runReady() {
            while (!ready.isEmpty()) {
                ready.poll().run();
            }
        }

        void advance(Duration d) {
            now = now.plus(d);
            for (Object[] t : List.copyOf(timers)) {
                if (!((Instant) t[0]).isAfter(now)) {
                    timers.remove(t);
                    ((Runnable) t[1]).run();
                }
            }
            runReady();
        }
    }

    /** A mapper that answers from a script and records its calls. */
    class FakeMapper implements PortMapper {
        final MappingMethod method;
        final List<String> calls = new ArrayList<>();
        boolean grants;
        int port = 40000;

        FakeMapper(MappingMethod method, boolean grants) {
            this.method = method;
            this.grants = grants;
        }

        @Override
        public MappingMethod method() {
            return method;
        }

        MappingOutcome answer() {
            if (!grants) {
                return new MappingOutcome.NotSupported("no answer");
            }
            return new MappingOutcome.Granted(new MappingLease(new PortMapping(method, 51820, Optional.of(PUBLIC), port,
                    now, Duration.ofSeconds(7200)), GW, Optional.of(new GatewayEpoch(10, now)), new byte[0]));
        }

        @Override
        public MappingOutcome map(InetAddress gateway, int internalPort, Duration lifetime) {
            calls.add("map " + gateway.getHostAddress() + " " + internalPort + " " + lifetime.toSeconds());
            return answer();
        }

        @Override
        public MappingOutcome renew(MappingLease lease, Duration lifetime) {
            calls.add("renew " + lease.mapping().externalPort());
            return answer();
        }

        @Override
        public UnmapOutcome unmap(MappingLease lease) {
            calls.add("unmap " + lease.mapping().externalPort());
            return UnmapOutcome.DELETED;
        }
    }

    final List<String> published = new ArrayList<>();
    final MappingPublisher publisher = new MappingPublisher() {
        @Override
        public void publish(Optional<PortMapping> mapping, Optional<Endpoint> external) {
            published.add("publish " + external.map(Endpoint::toString).orElse("none"));
        }

        @Override
        public void requestVerification(Endpoint candidate) {
            published.add("verify " + candidate);
        }
    };

    final ManualScheduler scheduler = new ManualScheduler();
    final FakeMapper pcp = new FakeMapper(MappingMethod.PCP, false);
    final FakeMapper natpmp = new FakeMapper(MappingMethod.NATPMP, true);
    final FakeMapper upnp = new FakeMapper(MappingMethod.UPNP, true);
    Optional<InetAddress> gateway = Optional.of(GW);
    final GatewayFinder finder = new GatewayFinder() {
        @Override
        public Optional<InetAddress> ipv4Gateway() {
            return gateway;
        }

        @Override
        public Optional<InetAddress> ipv6Gateway() {
            return Optional.empty();
        }
    };

    PortMappingService service() {
        return new PortMappingService(List.of(pcp, natpmp, upnp), finder, () -> now, scheduler, publisher,
                PolicySettings.defaults(List.of(MappingMethod.PCP, MappingMethod.NATPMP, MappingMethod.UPNP)),
                new Random(7), 51820);
    }

    @Test
    void probesAllMethodsKeepsThePreferredGrantAndDeletesTheOther() {
        PortMappingService s = service();
        upnp.port = 40005; // a separate gateway entry: the stray grant must go
        s.addressObserved(PUBLIC);
        s.start();
        assertEquals(3, scheduler.ready.size(), "one background probe per method");
        scheduler.runReady();
        assertEquals(List.of("map 10.0.1.1 51820 7200"), pcp.calls);
        assertEquals(MappingMethod.NATPMP, s.status().mapping().orElseThrow().method());
        assertEquals(List.of("map 10.0.1.1 51820 7200", "unmap 40005"), upnp.calls);
        assertEquals(List.of("publish 198.18.0.1:40000"), published);
    }

    @Test
    void renewsAtHalfLifetimeThroughTheScheduler() {
        PortMappingService s = service();
        s.start();
        scheduler.runReady();
        scheduler.advance(Duration.ofSeconds(3599));
        assertEquals(1, natpmp.calls.size());
        natpmp.port = 40001;
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals("renew 40000", natpmp.calls.get(1));
        assertEquals(40001, s.status().mapping().orElseThrow().externalPort());
    }

    @Test
    void announcedEpochResetRemapsWithinTheJitterAndOnlyForTheLeasesProtocol() {
        PortMappingService s = service();
        s.start();
        scheduler.runReady();
        scheduler.advance(Duration.ofSeconds(100));
        s.epochObserved(GW, MappingMethod.PCP, 2); // PCP's epoch says nothing about a NAT-PMP lease
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(1, natpmp.calls.size());
        s.epochObserved(GW, MappingMethod.NATPMP, 2); // gateway restarted: epoch 110 expected
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals("renew 40000", natpmp.calls.get(1));
        assertEquals(1, scheduler.timers.size(), "exactly the next renewal is pending");
    }

    @Test
    void shutdownDeletesBeforeReturning() {
        PortMappingService s = service();
        s.start();
        scheduler.runReady();
        s.shutdown();
        assertEquals("unmap 40000", natpmp.calls.get(natpmp.calls.size() - 1));
        assertEquals(PortMappingPolicy.Phase.STOPPED, s.status().phase());
        assertTrue(scheduler.timers.isEmpty(), "no timer left behind");
    }

    @Test
    void withoutGatewayNoMapperIsAskedAndTheServiceWaits() {
        gateway = Optional.empty();
        PortMappingService s = service();
        s.start();
        scheduler.runReady();
        assertEquals(List.of(), natpmp.calls);
        assertEquals(PortMappingPolicy.Phase.UNAVAILABLE, s.status().phase());
        assertEquals(1, scheduler.timers.size());
        gateway = Optional.of(GW);
        scheduler.advance(Duration.ofMinutes(10));
        assertEquals(PortMappingPolicy.Phase.HOLDING, s.status().phase());
    }

    @Test
    void emptyExternalAddressIsVerifiedBeforePublishing() {
        PortMappingService s = service();
        pcp.grants = false;
        natpmp.grants = false;
        PortMapper noAddress = new FakeMapper(MappingMethod.UPNP, true) {
            @Override
            MappingOutcome answer() {
                return new MappingOutcome.Granted(new MappingLease(new PortMapping(MappingMethod.UPNP, 51820,
                        Optional.empty(), 40000, now, Duration.ofSeconds(7200)), GW, Optional.empty(), new byte[0]));
            }
        };
        s = new PortMappingService(List.of(pcp, natpmp, noAddress), finder, () -> now, scheduler, publisher,
                PolicySettings.defaults(List.of(MappingMethod.PCP, MappingMethod.NATPMP, MappingMethod.UPNP)),
                new Random(7), 51820);
        s.start();
        scheduler.runReady();
        s.addressObserved(PUBLIC);
        assertEquals(List.of("verify 198.18.0.1:40000"), published);
        s.verificationAnswered(40000, true);
        assertEquals(List.of("verify 198.18.0.1:40000", "publish 198.18.0.1:40000"), published);
    }
}
