package dev.wireplug.application.service;

import dev.wireplug.application.port.in.PortMappingUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.GatewayFinder;
import dev.wireplug.application.port.out.MappingPublisher;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.application.port.out.Scheduler;
import dev.wireplug.domain.nat.GatewayEpoch;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.policy.MappingAction;
import dev.wireplug.domain.nat.policy.MappingEvent;
import dev.wireplug.domain.nat.policy.MappingStatus;
import dev.wireplug.domain.nat.policy.PolicySettings;
import dev.wireplug.domain.nat.policy.PortMappingPolicy;
import dev.wireplug.domain.net.Ports;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Drives {@link PortMappingPolicy} with the PortMapper ports: probes run in parallel on the
 * scheduler, their answers come back as events; timers go through the injected scheduler and
 * clock. The policy is only touched under this object's lock; mapper calls run outside it.
 */
public final class PortMappingService implements PortMappingUseCase {
    private final Map<MappingMethod, PortMapper> mappers = new EnumMap<>(MappingMethod.class);
    private final GatewayFinder gateways;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MappingPublisher publisher;
    private final PortMappingPolicy policy;
    private final int internalPort;
    private Optional<Scheduler.Cancellable> timer = Optional.empty();

    public PortMappingService(List<PortMapper> mappers, GatewayFinder gateways, Clock clock, Scheduler scheduler,
            MappingPublisher publisher, PolicySettings settings, RandomGenerator random, int internalPort) {
        for (PortMapper m : mappers) {
            this.mappers.put(m.method(), m);
        }
        this.gateways = gateways;
        this.clock = clock;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.policy = new PortMappingPolicy(settings, random);
        this.internalPort = Ports.check(internalPort);
    }

    @Override
    public void start() {
        dispatch(new MappingEvent.Started(clock.now()), false);
    }

    @Override
    public void networkChanged() {
        dispatch(new MappingEvent.NetworkChanged(clock.now()), false);
    }

    @Override
    public void leftNetwork() {
        dispatch(new MappingEvent.LeftNetwork(), true);
    }

    @Override
    public void addressObserved(InetAddress publicAddress) {
        dispatch(new MappingEvent.AddressObserved(publicAddress), false);
    }

    @Override
    public void verificationAnswered(int externalPort, boolean reached) {
        dispatch(new MappingEvent.VerificationAnswered(externalPort, reached), false);
    }

    @Override
    public void epochObserved(InetAddress gateway, MappingMethod method, long epochSeconds) {
        Instant now = clock.now();
        dispatch(new MappingEvent.EpochObserved(gateway, method, new GatewayEpoch(epochSeconds, now), now), false);
    }

    @Override
    public synchronized MappingStatus status() {
        return policy.status();
    }

    @Override
    public void shutdown() {
        dispatch(new MappingEvent.Shutdown(), true);
    }

    /** @param deleteInline run deletions on the caller's thread, so they are done on return */
    private void dispatch(MappingEvent event, boolean deleteInline) {
        List<MappingLease> inlineDeletes = new java.util.ArrayList<>();
        synchronized (this) {
            // Timers and publications follow the policy's order: performed outside the lock, a
            // stale ScheduleTick could replace a newer one and the renewal would never fire.
            for (MappingAction action : policy.on(event)) {
                if (deleteInline && action instanceof MappingAction.Delete d) {
                    inlineDeletes.add(d.lease());
                } else {
                    perform(action);
                }
            }
            if (policy.phase() == PortMappingPolicy.Phase.STOPPED || policy.phase() == PortMappingPolicy.Phase.IDLE) {
                cancelTimer();
            }
        }
        inlineDeletes.forEach(this::unmapQuietly);
    }

    /** Runs under the lock: mapper calls only go to the scheduler, never block here. */
    private void perform(MappingAction action) {
        switch (action) {
            case MappingAction.Probe p -> {
                Optional<InetAddress> gateway = gateways.ipv4Gateway();
                for (MappingMethod method : p.methods()) {
                    PortMapper mapper = mappers.get(method);
                    if (mapper == null || gateway.isEmpty()) {
                        String why = mapper == null ? "no " + method.configName() + " adapter" : "no default gateway";
                        scheduler.execute(() -> dispatch(new MappingEvent.ProbeAnswered(p.round(), method,
                                new MappingOutcome.NotSupported(why), clock.now()), false));
                        continue;
                    }
                    scheduler.execute(() -> {
                        MappingOutcome outcome = safely(() -> mapper.map(gateway.get(), internalPort, p.lifetime()));
                        dispatch(new MappingEvent.ProbeAnswered(p.round(), method, outcome, clock.now()), false);
                    });
                }
            }
            case MappingAction.Renew r -> {
                PortMapper mapper = mappers.get(r.lease().method());
                scheduler.execute(() -> {
                    MappingOutcome outcome = safely(() -> mapper.renew(r.lease(), r.lifetime()));
                    dispatch(new MappingEvent.RenewAnswered(r.lease(), outcome, clock.now()), false);
                });
            }
            case MappingAction.Delete d -> scheduler.execute(() -> unmapQuietly(d.lease()));
            case MappingAction.ScheduleTick t -> {
                cancelTimer();
                Duration delay = Duration.between(clock.now(), t.at());
                // Round up to whole milliseconds so the tick never lands before its time.
                long ms = delay.isNegative() ? 0 : (delay.toNanos() + 999_999) / 1_000_000;
                timer = Optional.of(scheduler.schedule(Duration.ofMillis(ms),
                        () -> dispatch(new MappingEvent.Tick(clock.now()), false)));
            }
            case MappingAction.Publish p -> publisher.publish(p.mapping(), p.external());
            case MappingAction.Verify v -> publisher.requestVerification(v.candidate());
        }
    }

    private void unmapQuietly(MappingLease lease) {
        PortMapper mapper = mappers.get(lease.method());
        if (mapper != null) {
            try {
                mapper.unmap(lease);
            } catch (RuntimeException e) {
                // Best effort: the lease runs out on the gateway anyway.
            }
        }
    }

    private static MappingOutcome safely(java.util.function.Supplier<MappingOutcome> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return new MappingOutcome.NotSupported("mapper failed: " + e);
        }
    }

    private void cancelTimer() {
        timer.ifPresent(Scheduler.Cancellable::cancel);
        timer = Optional.empty();
    }
}
