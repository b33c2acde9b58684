package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.Ports;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's link to the coordinator: a session it keeps alive (and so its NAT mapping), over
 * which it announces itself and hears where its peers are, pushed the moment they change.
 */
public interface CoordinatorClient extends AutoCloseable {

    /** What the daemon announces; the coordinator adds the address it sees us from. */
    record Announce(int wireGuardPort, NatKind natKind, Optional<Endpoint> mapped, Map<PublicKey, SealedHint> wants) {
        public Announce {
            Ports.check(wireGuardPort);
            Objects.requireNonNull(natKind, "natKind");
            Objects.requireNonNull(mapped, "mapped");
            wants = Map.copyOf(wants);
        }
    }

    /** Called on the client's own thread; implementations must not block. */
    interface Listener {
        /** A mutual peer, in answer to an announcement or pushed when it changed. */
        void peer(PeerView view);

        /** Where the coordinator sees our session from (our public address for this socket). */
        default void observed(Endpoint endpoint) {}

        /** The coordinator took our announcement (all of it). */
        default void announced() {}

        /** Something the user should know: "upgrade required", an error from the coordinator. */
        default void problem(String text) {}
    }

    /** Starts the session; returns at once, the handshake runs in the background. */
    void start(Listener listener);

    /** Replaces what we announce; sent at once (and after every re-handshake). */
    void announce(Announce announce);

    /**
     * Tells the coordinator how the direct path to a mutual peer fares (relay of last resort).
     * Best effort, never blocks: the caller repeats a report while it holds.
     */
    void reportPath(PublicKey peer, DirectPathReport report);

    @Override
    void close();
}
