package dev.wireplug.domain.relay;

import dev.wireplug.domain.endpoint.EndpointChoice;
import dev.wireplug.domain.endpoint.LocalView;
import dev.wireplug.domain.endpoint.PeerView;
import dev.wireplug.domain.relay.RelayDecision.Allocate;
import dev.wireplug.domain.relay.RelayDecision.Refuse;
import dev.wireplug.domain.relay.RelayDecision.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When the coordinator relays: only for two distinct peers that list each other, and only when no
 * direct path can work (the same rule the daemons apply, {@link EndpointChoice#needsRelay}) or
 * direct attempts have failed for at least {@code directFailureGrace}.
 */
public final class RelayPolicy {
    /** Two seconds of failed direct attempts: the issue asks for a relayed path within three. */
    public static final Duration DEFAULT_DIRECT_FAILURE_GRACE = Duration.ofSeconds(2);

    private final Duration directFailureGrace;

    public RelayPolicy(Duration directFailureGrace) {
        Objects.requireNonNull(directFailureGrace, "directFailureGrace");
        if (directFailureGrace.isNegative()) {
            throw new IllegalArgumentException("the direct failure grace cannot be negative: " + directFailureGrace);
        }
        this.directFailureGrace = directFailureGrace;
    }

    public RelayDecision decide(RelayRequest request, Instant now) {
        return decide(request, now, false);
    }

    /**
     * As {@link #decide(RelayRequest, Instant)}, for a pair that may already hold an allocation
     * ({@code held}): a held allocation is kept (and follows the pair's addresses) while the pair
     * is mutual, even when a direct path now looks possible, until both sides report that it works.
     * Dropping it on a mere possibility would cut the tunnel before the direct path is proven.
     */
    public RelayDecision decide(RelayRequest request, Instant now, boolean held) {
        RelayCandidate a = request.a();
        RelayCandidate b = request.b();
        if (a.key().equals(b.key())) {
            return new Refuse(Refusal.SAME_PEER);
        }
        if (!a.wants().contains(b.key()) || !b.wants().contains(a.key())) {
            return new Refuse(Refusal.NOT_MUTUAL);
        }
        if (held) {
            return new Allocate("kept until both sides report a working direct path");
        }
        if (noDirectPathCanWork(a, b)) {
            return new Allocate("no direct path can work: both behind destination-dependent NATs without a mapping");
        }
        Optional<Instant> since = request.directFailingSince();
        if (since.isEmpty()) {
            return new Refuse(Refusal.DIRECT_PATH_POSSIBLE);
        }
        Duration failing = Duration.between(since.get(), now);
        if (failing.compareTo(directFailureGrace) < 0) {
            return new Refuse(Refusal.DIRECT_ATTEMPTS_TOO_RECENT);
        }
        return new Allocate("direct attempts failed for " + failing.toMillis() + " ms");
    }

    private static boolean noDirectPathCanWork(RelayCandidate a, RelayCandidate b) {
        LocalView local = new LocalView(Optional.of(a.publicAddress()), List.of(), false, a.natKind());
        PeerView peer = new PeerView(Optional.empty(), b.mapping(), Optional.empty(), List.of(), List.of(),
                b.natKind(), Optional.empty());
        return EndpointChoice.needsRelay(local, a.mapping().isPresent(), peer);
    }
}
