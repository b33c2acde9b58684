package dev.wireplug.domain.endpoint;

import dev.wireplug.domain.endpoint.EndpointChoice.Path;
import dev.wireplug.domain.net.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One peer's relationship with the relay of last resort, on the daemon's side: a small state
 * machine next to {@link EndpointChoice} (which picks the relay when one is offered and no direct
 * path can work or direct attempts failed).
 *
 * <ul>
 * <li><b>Direct</b>: the endpoint in use is not the relay.</li>
 * <li><b>Relayed</b>: the daemon set the relay as the peer's endpoint.</li>
 * <li><b>DirectLearned</b>: while a relay was in play, WireGuard moved the peer's endpoint by
 *     itself to an address that is neither the one the daemon set nor the relay, and handshakes
 *     keep coming: the peer reached us directly (after a roam, a new mapping, a changed NAT). That
 *     endpoint is held, not overwritten by the daemon's next choice, until its handshakes go
 *     stale or the network changes.</li>
 * </ul>
 *
 * <p>What it tells the coordinator: {@code DIRECT_WORKS} (repeated every {@code reportEvery})
 * while a relay is offered and a direct path has a handshake, so the relay is released once both
 * sides say so; {@code DIRECT_FAILING} (repeated likewise) while no relay is offered and the direct
 * attempts gave no handshake, so the coordinator can grant one after its grace period. Reports are
 * repeated rather than acknowledged: a lost one is simply sent again, and one no longer repeated
 * stops counting at the coordinator.
 *
 * <p>Not thread-safe; one instance per peer on the roaming loop's thread.
 */
public final class RelayPath {

    /**
     * @param reportEvery how often a report that still holds is repeated
     * @param learnedStale how long a learned direct endpoint is kept without a handshake
     *     (WireGuard re-handshakes every 2 minutes on a path in use)
     */
    public record Settings(Duration reportEvery, Duration learnedStale) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(150));

        public Settings {
            Objects.requireNonNull(reportEvery, "reportEvery");
            Objects.requireNonNull(learnedStale, "learnedStale");
            if (reportEvery.isNegative() || reportEvery.isZero() || learnedStale.isNegative() || learnedStale.isZero()) {
                throw new IllegalArgumentException("relay path timers must be positive");
            }
        }
    }

    /** Where the peer stands with the relay. */
    public sealed interface State {
        record Direct() implements State {}

        record Relayed(Endpoint relay) implements State {
            public Relayed {
                Objects.requireNonNull(relay, "relay");
            }
        }

        record DirectLearned(Endpoint endpoint) implements State {
            public DirectLearned {
                Objects.requireNonNull(endpoint, "endpoint");
            }
        }
    }

    /**
     * One look at the peer.
     *
     * @param chosen the path {@link EndpointChoice} chose last (NONE before any)
     * @param applied the endpoint the daemon last set, and when
     * @param relayOffered the relay the coordinator offers for this peer, if any
     * @param directFailed direct attempts (mapped or observed) gave no handshake in time
     * @param deviceEndpoint the endpoint WireGuard uses now
     * @param lastHandshake WireGuard's latest handshake with the peer
     */
    public record Observation(Instant now, Path chosen, Optional<Endpoint> applied, Instant appliedAt,
            Optional<Endpoint> relayOffered, boolean directFailed, Optional<Endpoint> deviceEndpoint,
            Optional<Instant> lastHandshake) {
        public Observation {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(chosen, "chosen");
            Objects.requireNonNull(applied, "applied");
            Objects.requireNonNull(appliedAt, "appliedAt");
            Objects.requireNonNull(relayOffered, "relayOffered");
            Objects.requireNonNull(deviceEndpoint, "deviceEndpoint");
            Objects.requireNonNull(lastHandshake, "lastHandshake");
        }
    }

    private static final State DIRECT = new State.Direct();

    private final Settings settings;
    private State state = DIRECT;
    private Optional<DirectPathReport> lastReport = Optional.empty();
    private Instant lastReportAt = Instant.MIN;

    public RelayPath(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public State state() {
        return state;
    }

    /** The endpoint to keep instead of the daemon's choice: the direct one WireGuard learned. */
    public Optional<Endpoint> held() {
        return state instanceof State.DirectLearned learned ? Optional.of(learned.endpoint()) : Optional.empty();
    }

    /** Updates the state from what is seen now; returns the report to send now, if any. */
    public Optional<DirectPathReport> observe(Observation o) {
        state = next(o);
        Optional<DirectPathReport> report = reportFor(o);
        if (report.isEmpty()) {
            lastReport = Optional.empty();
            return Optional.empty();
        }
        boolean due = !report.equals(lastReport) || !o.now().isBefore(lastReportAt.plus(settings.reportEvery()));
        if (!due) {
            return Optional.empty();
        }
        lastReport = report;
        lastReportAt = o.now();
        return report;
    }

    /**
     * Our network changed, or the peer moved: whatever WireGuard learned belongs to the old
     * situation, so the daemon's fresh choice applies again.
     */
    public void reset() {
        state = DIRECT;
        lastReport = Optional.empty();
        lastReportAt = Instant.MIN;
    }

    /**
     * Whether setting {@code next} (a path of kind {@code path}) needs a fresh WireGuard handshake,
     * started at once (the daemon re-creates the peer, which resets WireGuard's session and its
     * 5-second pause between initiations; one it tried before any endpoint was known counts too,
     * as seen in the lab):
     * <ul>
     * <li>onto a new relay endpoint: the relay learns a side only from its handshake initiation,
     *     and WireGuard sends none while its session is young. Not when we have a public address
     *     ({@code reachable}): the peer can then come to us directly, and a reset would cut the
     *     session it may already be using that way; WireGuard initiates by itself (after 15 s
     *     without an answer) if it must go through the relay after all;</li>
     * <li>from a relay onto a direct path: a handshake there proves it works (and tells the peer
     *     where we are), where an old session's data would prove nothing;</li>
     * <li>from one direct endpoint to another while a relay is offered: the relay is released
     *     only on a handshake made since the endpoint was set, and a session made a moment
     *     earlier (toward the peer's previous port, during its roam) would otherwise run for two
     *     minutes without one, keeping the relay that long (seen in the lab).</li>
     * </ul>
     */
    public static boolean needsFreshHandshake(Path path, Optional<Endpoint> previous, Endpoint next,
            boolean previousWasRelay, boolean reachable, boolean relayOffered) {
        if (previous.equals(Optional.of(next))) {
            return false;
        }
        if (path == Path.RELAY) {
            return !reachable;
        }
        return (previousWasRelay || relayOffered) && path != Path.NONE;
    }

    private State next(Observation o) {
        boolean relayInPlay = o.relayOffered().isPresent() || !(state instanceof State.Direct);
        Optional<Endpoint> roamedTo = o.deviceEndpoint()
                .filter(e -> !o.applied().equals(Optional.of(e)))
                .filter(e -> !o.relayOffered().equals(Optional.of(e)));
        if (relayInPlay && roamedTo.isPresent() && fresh(o.lastHandshake(), o.now())) {
            return new State.DirectLearned(roamedTo.get());
        }
        if (o.chosen() == Path.RELAY && o.applied().isPresent()) {
            return new State.Relayed(o.applied().get());
        }
        return DIRECT;
    }

    private Optional<DirectPathReport> reportFor(Observation o) {
        if (o.relayOffered().isPresent()) {
            boolean directHandshake = state instanceof State.DirectLearned
                    || (isDirect(o.chosen()) && o.applied().isPresent()
                            && o.lastHandshake().filter(h -> !h.isBefore(o.appliedAt())).isPresent());
            return directHandshake ? Optional.of(DirectPathReport.DIRECT_WORKS) : Optional.empty();
        }
        if (o.directFailed() && state instanceof State.Direct) {
            return Optional.of(DirectPathReport.DIRECT_FAILING);
        }
        return Optional.empty();
    }

    private boolean fresh(Optional<Instant> handshake, Instant now) {
        return handshake.filter(h -> now.isBefore(h.plus(settings.learnedStale()))).isPresent();
    }

    private static boolean isDirect(Path path) {
        return switch (path) {
            case LAN, IPV6, MAPPED, OBSERVED -> true;
            case RELAY, NONE -> false;
        };
    }
}
