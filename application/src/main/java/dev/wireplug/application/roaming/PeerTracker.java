package dev.wireplug.application.roaming;

import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.endpoint.EndpointChoice;
import dev.wireplug.domain.endpoint.EndpointChoice.Decision;
import dev.wireplug.domain.endpoint.EndpointChoice.Path;
import dev.wireplug.domain.endpoint.PathFailures;
import dev.wireplug.domain.endpoint.PeerLiveness;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.peer.Peer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One peer's state in the roaming loop: what we know, what we chose, and how it is going. */
final class PeerTracker {
    final Peer configured;
    final PeerLiveness liveness;
    Optional<dev.wireplug.domain.endpoint.PeerView> view = Optional.empty();
    Optional<Decision> decision = Optional.empty();
    Optional<Endpoint> applied = Optional.empty();
    Instant appliedAt = Instant.MIN;
    /** The bytes received from the peer when the endpoint was set (-1: unknown). */
    long rxAtApply = -1;
    PathFailures failures = PathFailures.NONE;
    Optional<PeerState> device = Optional.empty();
    /** Where the peer stands with the relay of last resort (see {@link RelayFallback}). */
    final dev.wireplug.domain.endpoint.RelayPath relay =
            new dev.wireplug.domain.endpoint.RelayPath(dev.wireplug.domain.endpoint.RelayPath.Settings.DEFAULT);
    Optional<dev.wireplug.domain.endpoint.DirectPathReport> lastReport = Optional.empty();

    PeerTracker(Peer configured, PeerLiveness.Settings settings) {
        this.configured = configured;
        this.liveness = new PeerLiveness(settings);
    }

    /**
     * The path in use got no handshake and nothing from the peer since it was set, for longer than
     * the timeout. (A session whose handshake came a moment before the endpoint was set, the peer
     * having reached us first, is a working path: its traffic says so.)
     */
    boolean pathTimedOut(Instant now, Duration timeout) {
        if (decision.isEmpty() || applied.isEmpty() || decision.get().path() == Path.NONE || relay.held().isPresent()) {
            // (a direct path WireGuard learned is held only while its handshakes are fresh)
            return false;
        }
        boolean handshakeSince = device.flatMap(PeerState::lastHandshake).filter(h -> !h.isBefore(appliedAt))
                .isPresent();
        boolean receivedSince = rxAtApply >= 0 && device.filter(d -> d.rxBytes() > rxAtApply).isPresent();
        return !handshakeSince && !receivedSince && Duration.between(appliedAt, now).compareTo(timeout) > 0;
    }

    String pathName() {
        if (relay.held().isPresent()) {
            return "direct";
        }
        return decision.map(d -> d.path().name().toLowerCase(java.util.Locale.ROOT))
                .orElse(configured.endpoint().isPresent() ? "configured" : "none");
    }

    String reason() {
        if (relay.held().isPresent()) {
            return "the peer reached us directly; the relay is no longer needed";
        }
        return decision.map(Decision::reason)
                .orElse(configured.endpoint().isPresent() ? "Endpoint in the config" : "waiting for the coordinator");
    }

    static Decision choose(dev.wireplug.domain.endpoint.LocalView local, dev.wireplug.domain.endpoint.PeerView peer,
            PathFailures failures) {
        return EndpointChoice.choose(local, peer, failures);
    }
}
