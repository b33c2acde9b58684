package dev.wireplug.domain.nat.policy;

import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.net.Endpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Which port mapping to hold, when to renew it, when to give it up. Pure: events in, actions out;
 * the application service turns actions into calls on the PortMapper ports and timers.
 *
 * <p>All configured methods are probed at once (a network without any answers in well under a
 * second); the most preferred method that grants wins, but only once every more preferred one has
 * answered, and any other grant is deleted so no stray mapping stays on the gateway. The mapping
 * is renewed at half its lifetime, re-made after a gateway restart (epoch) or a network change,
 * and deleted on shutdown and when leaving the network. Not thread-safe: drive it from one thread
 * or under a lock.
 */
public final class PortMappingPolicy {
    public enum Phase { IDLE, PROBING, HOLDING, UNAVAILABLE, STOPPED }

    private final PolicySettings settings;
    private final RandomGenerator random;

    private Phase phase = Phase.IDLE;
    private long round;
    private final Map<MappingMethod, MappingOutcome> answers = new EnumMap<>(MappingMethod.class);
    private Optional<MappingLease> lease = Optional.empty();
    private Instant nextTick = Instant.MAX;
    private boolean renewInFlight;
    private Optional<InetAddress> observed = Optional.empty();
    private Optional<Boolean> verification = Optional.empty();
    private boolean verifyRequested;
    /** An announcement may start a round early at most once per {@code minRetry} (a LAN host could send many). */
    private Instant announcedRoundAllowed = Instant.MIN;
    private Optional<Endpoint> published = Optional.empty();

    public PortMappingPolicy(PolicySettings settings, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    public MappingStatus status() {
        return new MappingStatus(phase, lease.map(MappingLease::mapping),
                lease.isPresent() ? Optional.of(trust()) : Optional.empty());
    }

    public Phase phase() {
        return phase;
    }

    public Optional<MappingLease> lease() {
        return lease;
    }

    public List<MappingAction> on(MappingEvent event) {
        List<MappingAction> out = new ArrayList<>();
        switch (event) {
            case MappingEvent.Started s -> {
                if (phase == Phase.IDLE || phase == Phase.UNAVAILABLE) {
                    startRound(s.now(), out);
                }
            }
            case MappingEvent.ProbeAnswered a -> onProbeAnswered(a, out);
            case MappingEvent.Tick t -> onTick(t.now(), out);
            case MappingEvent.RenewAnswered r -> onRenewAnswered(r, out);
            case MappingEvent.EpochObserved e -> {
                // Only the epoch of the protocol that made the lease means anything for it.
                if (phase == Phase.HOLDING && lease.get().gateway().equals(e.gateway())
                        && lease.get().method() == e.method()
                        && lease.get().epoch().map(prev -> e.epoch().showsResetSince(prev)).orElse(false)) {
                    // The gateway restarted and forgot us: map again after a short random wait.
                    long jitterMs = settings.maxRemapJitter().isZero()
                            ? 0 : random.nextLong(settings.maxRemapJitter().toMillis() + 1);
                    schedule(e.now().plusMillis(jitterMs), out);
                } else if (phase == Phase.UNAVAILABLE && !e.now().isBefore(announcedRoundAllowed)) {
                    // A gateway on our link speaks PCP or NAT-PMP after all (it just started and
                    // announced itself, RFC 6887 section 14.1.3): ask now, not at the next retry.
                    announcedRoundAllowed = e.now().plus(settings.minRetry());
                    long jitterMs = settings.maxRemapJitter().isZero()
                            ? 0 : random.nextLong(settings.maxRemapJitter().toMillis() + 1);
                    schedule(e.now().plusMillis(jitterMs), out);
                }
            }
            case MappingEvent.AddressObserved o -> {
                if (!observed.equals(Optional.of(o.address()))) {
                    observed = Optional.of(o.address());
                    verification = Optional.empty();
                    verifyRequested = false;
                    publishIfChanged(out);
                }
            }
            case MappingEvent.VerificationAnswered v -> {
                if (phase == Phase.HOLDING && lease.get().mapping().externalPort() == v.externalPort()) {
                    verification = Optional.of(v.reached());
                    publishIfChanged(out);
                }
            }
            case MappingEvent.NetworkChanged n -> {
                if (phase == Phase.STOPPED) {
                    break;
                }
                dropLease(out);
                observed = Optional.empty();
                startRound(n.now(), out);
            }
            case MappingEvent.LeftNetwork l -> {
                if (phase != Phase.STOPPED) {
                    dropLease(out);
                    phase = Phase.IDLE;
                    round++;
                }
            }
            case MappingEvent.Shutdown s -> {
                dropLease(out);
                phase = Phase.STOPPED;
                round++;
            }
        }
        return out;
    }

    private void startRound(Instant now, List<MappingAction> out) {
        answers.clear();
        round++;
        if (settings.preference().isEmpty()) {
            phase = Phase.IDLE;
            return;
        }
        phase = Phase.PROBING;
        out.add(new MappingAction.Probe(round, settings.preference(), settings.requestedLifetime()));
    }

    private void onProbeAnswered(MappingEvent.ProbeAnswered a, List<MappingAction> out) {
        boolean current = phase == Phase.PROBING && a.round() == round;
        if (!current) {
            // Too late: a grant from an old round or after the choice is made must not linger.
            if (a.outcome() instanceof MappingOutcome.Granted g && !sameGatewayEntry(g.lease())) {
                out.add(new MappingAction.Delete(g.lease()));
            }
            return;
        }
        answers.put(a.method(), a.outcome());
        for (MappingMethod m : settings.preference()) {
            MappingOutcome answer = answers.get(m);
            if (answer == null) {
                return;
            }
            if (answer instanceof MappingOutcome.Granted g) {
                hold(g.lease(), out);
                for (MappingOutcome other : answers.values()) {
                    if (other instanceof MappingOutcome.Granted o && o != g && !sameGatewayEntry(o.lease())) {
                        out.add(new MappingAction.Delete(o.lease()));
                    }
                }
                return;
            }
        }
        phase = Phase.UNAVAILABLE;
        Duration wait = settings.retryUnavailable();
        for (MappingOutcome o : answers.values()) {
            if (o instanceof MappingOutcome.Refused r) {
                Duration hinted = max(r.retryAfter(), settings.minRetry());
                if (hinted.compareTo(wait) < 0) {
                    wait = hinted;
                }
            }
        }
        schedule(a.now().plus(wait), out);
    }

    private void hold(MappingLease granted, List<MappingAction> out) {
        phase = Phase.HOLDING;
        lease = Optional.of(granted);
        verification = Optional.empty();
        verifyRequested = false;
        renewInFlight = false;
        schedule(granted.mapping().renewAt(), out);
        publishIfChanged(out);
    }

    /**
     * Whether a grant is the very table entry we hold, reached by another protocol: a gateway that
     * speaks several (miniupnpd) keeps one entry per internal port, so PCP, NAT-PMP and UPnP
     * grants for it share the external port, and deleting the extra grant would delete ours.
     */
    private boolean sameGatewayEntry(MappingLease other) {
        return lease.isPresent() && lease.get().gateway().equals(other.gateway())
                && lease.get().mapping().externalPort() == other.mapping().externalPort()
                && lease.get().mapping().internalPort() == other.mapping().internalPort();
    }

    private void onTick(Instant now, List<MappingAction> out) {
        if (now.isBefore(nextTick)) {
            // Timers may fire a hair early (millisecond rounding): ask again rather than lose it.
            if (!nextTick.equals(Instant.MAX)) {
                out.add(new MappingAction.ScheduleTick(nextTick));
            }
            return;
        }
        nextTick = Instant.MAX;
        switch (phase) {
            case HOLDING -> {
                if (!renewInFlight) {
                    renewInFlight = true;
                    out.add(new MappingAction.Renew(lease.get(), settings.requestedLifetime()));
                }
            }
            case UNAVAILABLE -> startRound(now, out);
            default -> {
                // nothing is due in the other phases
            }
        }
    }

    private void onRenewAnswered(MappingEvent.RenewAnswered r, List<MappingAction> out) {
        boolean current = phase == Phase.HOLDING && lease.get().equals(r.renewed());
        if (!current) {
            if (r.outcome() instanceof MappingOutcome.Granted g) {
                out.add(new MappingAction.Delete(g.lease()));
            }
            return;
        }
        renewInFlight = false;
        switch (r.outcome()) {
            case MappingOutcome.Granted g -> {
                PortMapping before = lease.get().mapping();
                lease = Optional.of(g.lease());
                if (before.externalPort() != g.lease().mapping().externalPort()) {
                    verification = Optional.empty();
                    verifyRequested = false;
                }
                schedule(g.lease().mapping().renewAt(), out);
                publishIfChanged(out);
            }
            case MappingOutcome.Refused f -> retryRenewOrGiveUp(r.now(), max(f.retryAfter(), settings.minRetry()), out);
            case MappingOutcome.NotSupported n -> retryRenewOrGiveUp(r.now(), settings.minRetry(), out);
        }
    }

    private void retryRenewOrGiveUp(Instant now, Duration wait, List<MappingAction> out) {
        Instant retryAt = now.plus(wait);
        if (retryAt.isBefore(lease.get().mapping().expiresAt())) {
            schedule(retryAt, out);
            return;
        }
        // The lease will lapse before another try: stop relying on it and look afresh.
        lease = Optional.empty();
        publishIfChanged(out);
        startRound(now, out);
    }

    private void dropLease(List<MappingAction> out) {
        if (lease.isPresent()) {
            out.add(new MappingAction.Delete(lease.get()));
            lease = Optional.empty();
        }
        nextTick = Instant.MAX;
        renewInFlight = false;
        publishIfChanged(out);
    }

    private MappingTrust trust() {
        MappingTrust t = ExternalAddressCheck.classify(lease.get().mapping().externalAddress(), observed);
        if (t == MappingTrust.UNVERIFIED && verification.isPresent()) {
            return verification.get() ? MappingTrust.TRUSTED : MappingTrust.UNREACHABLE;
        }
        return t;
    }

    private void publishIfChanged(List<MappingAction> out) {
        Optional<Endpoint> now = Optional.empty();
        if (lease.isPresent()) {
            MappingTrust t = trust();
            Optional<InetAddress> address = observed.or(() -> lease.get().mapping().externalAddress());
            if (t.usable() && address.isPresent()) {
                now = Optional.of(new Endpoint(address.get(), lease.get().mapping().externalPort()));
            } else if (t == MappingTrust.UNVERIFIED && observed.isPresent() && !verifyRequested) {
                verifyRequested = true;
                out.add(new MappingAction.Verify(new Endpoint(observed.get(), lease.get().mapping().externalPort())));
            }
        }
        if (!now.equals(published)) {
            published = now;
            out.add(new MappingAction.Publish(now.isPresent() ? lease.map(MappingLease::mapping) : Optional.empty(), now));
        }
    }

    private void schedule(Instant at, List<MappingAction> out) {
        nextTick = at;
        out.add(new MappingAction.ScheduleTick(at));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
