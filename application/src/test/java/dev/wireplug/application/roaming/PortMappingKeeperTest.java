package dev.wireplug.application.roaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.in.PortMappingUseCase;
import dev.wireplug.application.port.out.MappingPublisher;
import dev.wireplug.application.port.out.Scheduler;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.nat.policy.MappingStatus;
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
import org.junit.jupiter.api.Test;

class PortMappingKeeperTest {
    private static final InetAddress PUBLIC = IpAddresses.parse("198.18.1.1");
    private static final Endpoint MAPPED = Endpoint.parse("198.18.1.1:40000");

    /** Records what the keeper asks of one network's service. */
    static final class FakeService implements PortMappingUseCase {
        final int port;
        final MappingPublisher publisher;
        final List<String> calls = new ArrayList<>();

        FakeService(int port, MappingPublisher publisher) {
            this.port = port;
            this.publisher = publisher;
        }

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public void networkChanged() {
            calls.add("networkChanged");
        }

        @Override
        public void leftNetwork() {
            calls.add("leftNetwork");
        }

        @Override
        public void addressObserved(InetAddress publicAddress) {
            calls.add("observed " + publicAddress.getHostAddress());
        }

        @Override
        public void verificationAnswered(int externalPort, boolean reached) {
            calls.add("verified " + externalPort + " " + reached);
        }

        @Override
        public void epochObserved(InetAddress gateway, MappingMethod method, long epochSeconds) {
            calls.add("epoch " + method.configName() + " " + epochSeconds);
        }

        @Override
        public MappingStatus status() {
            return new MappingStatus(PortMappingPolicy.Phase.HOLDING, Optional.of(mapping()), Optional.empty());
        }

        PortMapping mapping() {
            return new PortMapping(MappingMethod.PCP, port, Optional.of(PUBLIC), 40000, Instant.EPOCH,
                    Duration.ofSeconds(120));
        }

        @Override
        public void shutdown() {
            calls.add("shutdown");
        }
    }

    /** Runs background work only when the test says so. */
    static final class QueuedScheduler implements Scheduler {
        final Deque<Runnable> queued = new ArrayDeque<>();

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            queued.add(task);
            return () -> queued.remove(task);
        }

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    final List<FakeService> made = new ArrayList<>();
    final QueuedScheduler background = new QueuedScheduler();
    final PortMappingKeeper keeper = new PortMappingKeeper((port, publisher) -> {
        FakeService s = new FakeService(port, publisher);
        made.add(s);
        return s;
    }, background);

    @Test
    void eachSettledNetworkGetsAServiceForItsListenPortWithTheProbedAddress() {
        keeper.networkSettled(51821, Optional.of(PUBLIC));
        assertEquals(1, made.size());
        assertEquals(51821, made.get(0).port);
        assertEquals(List.of("start", "observed 198.18.1.1"), made.get(0).calls);
        keeper.observed(PUBLIC);
        keeper.epochObserved(PUBLIC, MappingMethod.PCP, 7);
        assertEquals(List.of("start", "observed 198.18.1.1", "observed 198.18.1.1", "epoch pcp 7"), made.get(0).calls);
        assertEquals(Optional.of(made.get(0).mapping()), keeper.mapping(), "status shows the held mapping");
    }

    @Test
    void aPublishedMappingIsAnnouncedOnceAndWithdrawnWhenTheNetworkChanges() {
        keeper.networkSettled(51821, Optional.empty());
        assertFalse(keeper.takeChanged());
        made.get(0).publisher.publish(Optional.of(made.get(0).mapping()), Optional.of(MAPPED));
        assertEquals(Optional.of(MAPPED), keeper.external());
        assertTrue(keeper.takeChanged());
        assertFalse(keeper.takeChanged(), "one announcement per change");

        keeper.networkSettled(52000, Optional.empty());
        assertEquals(Optional.empty(), keeper.external(), "the old network's mapping is not ours any more");
        assertTrue(keeper.takeChanged());
        assertFalse(made.get(0).calls.contains("shutdown"), "the old gateway may be gone: not on the loop's thread");
        assertFalse(made.get(1).calls.contains("start"), "not before the old mapping is deleted");
        background.runAll();
        assertTrue(made.get(0).calls.contains("shutdown"), "the old mapping is deleted in the background");
        assertTrue(made.get(1).calls.contains("start"), "then the new network is mapped");

        made.get(0).publisher.publish(Optional.of(made.get(0).mapping()), Optional.of(MAPPED));
        assertEquals(Optional.empty(), keeper.external(), "a retired service's late publication changes nothing");
        assertFalse(keeper.takeChanged());
    }

    @Test
    void leavingTheNetworkAndStoppingDeleteTheMapping() {
        keeper.networkSettled(51821, Optional.empty());
        keeper.leftNetwork();
        background.runAll();
        assertTrue(made.get(0).calls.contains("shutdown"));
        assertEquals(Optional.empty(), keeper.mapping());

        keeper.networkSettled(51821, Optional.empty());
        keeper.close();
        assertTrue(made.get(1).calls.contains("shutdown"), "SIGTERM: deleted before close returns");
    }

    @Test
    void anUnverifiableMappingIsConfirmedByThePeersHandshakeNotByUs() {
        keeper.networkSettled(51821, Optional.empty());
        made.get(0).publisher.requestVerification(MAPPED);
        assertFalse(made.get(0).calls.contains("verified 40000 true"), "never answered under the service's lock");
        background.runAll();
        assertTrue(made.get(0).calls.contains("verified 40000 true"));
    }

    @Test
    void withPortMappingNoneNothingIsEverMapped() {
        PortMappingKeeper off = PortMappingKeeper.disabled();
        off.networkSettled(51821, Optional.of(PUBLIC));
        off.observed(PUBLIC);
        assertEquals(Optional.empty(), off.external());
        assertEquals(Optional.empty(), off.mapping());
        assertFalse(off.takeChanged());
        off.close();
    }
}
