package dev.wireplug.application.roaming;

import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.endpoint.EndpointChoice.Decision;
import dev.wireplug.domain.endpoint.EndpointChoice.Path;
import dev.wireplug.domain.endpoint.PeerView;
import dev.wireplug.domain.endpoint.RelayPath;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.endpoint.DirectPathReport;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The roaming loop's link to {@link RelayPath}: feeds it what the device and the coordinator say
 * of a peer on every tick, sends the reports it asks for, and tells the loop when a direct path
 * WireGuard learned by itself is let go (so the daemon's own choice applies again).
 */
final class RelayFallback {
    private static final Logger LOG = System.getLogger(RelayFallback.class.getName());

    private final CoordinatorClient coordinator;

    RelayFallback(CoordinatorClient coordinator) {
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
    }

    /** Returns true when the loop must apply its own choice for the peer again. */
    boolean observe(PeerTracker t, Instant now) {
        if (!t.appliedAt.isBefore(now)) {
            // The device was read before this tick set a new endpoint: its endpoint is the old
            // one, which would look like WireGuard moving by itself.
            return false;
        }
        Optional<Endpoint> wasHeld = t.relay.held();
        RelayPath.Observation o = new RelayPath.Observation(now, t.decision.map(Decision::path).orElse(Path.NONE),
                t.applied, t.appliedAt, offered(t), t.failures.direct(), t.device.flatMap(PeerState::endpoint),
                t.device.flatMap(PeerState::lastHandshake));
        Optional<DirectPathReport> report = t.relay.observe(o);
        Optional<Endpoint> held = t.relay.held();
        String peer = t.configured.publicKey().shortForm();
        if (held.isPresent() && !held.equals(wasHeld)) {
            LOG.log(Level.INFO, "event=direct_path_learned peer={0} endpoint={1} relay={2}", peer, held.get(),
                    offered(t).map(Object::toString).orElse("none"));
        }
        if (report.isPresent()) {
            if (!report.equals(t.lastReport)) {
                LOG.log(Level.INFO, "event=path_report peer={0} report={1}", peer, report.get());
            }
            t.lastReport = report;
            coordinator.reportPath(t.configured.publicKey(), report.get());
        }
        if (wasHeld.isPresent() && held.isEmpty()) {
            LOG.log(Level.INFO, "event=direct_path_lost peer={0} endpoint={1}", peer, wasHeld.get());
            return true;
        }
        return false;
    }

    /** Our network changed: what WireGuard learned belongs to the old one. */
    void reset(PeerTracker t) {
        t.relay.reset();
        t.lastReport = Optional.empty();
    }

    /** A new view of the peer; when the peer itself moved, a held direct endpoint is moot. */
    void onView(PeerTracker t, Optional<PeerView> before, PeerView after) {
        if (before.isPresent() && moved(before.get(), after)) {
            reset(t);
        }
    }

    static Optional<Endpoint> offered(PeerTracker t) {
        return t.view.flatMap(PeerView::relay);
    }

    /** Whether the peer is somewhere else now (the relay offered is not where the peer is). */
    static boolean moved(PeerView before, PeerView after) {
        return !before.observed().equals(after.observed()) || !before.mapped().equals(after.mapped())
                || !before.ipv6().equals(after.ipv6()) || !before.lanEndpoints().equals(after.lanEndpoints())
                || before.natKind() != after.natKind();
    }
}
