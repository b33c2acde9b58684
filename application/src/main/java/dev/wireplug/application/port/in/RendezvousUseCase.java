package dev.wireplug.application.port.in;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerView;
import java.util.List;

/** The coordinator's core: record what authenticated clients announce and pair them up. */
public interface RendezvousUseCase {
    /**
     * Records the announcement (its announcer was authenticated by the transport), pushes the
     * announcer's new view to mutual peers that need it, and returns the announcer's view of each
     * of its mutual peers.
     */
    List<PeerView> announce(Announcement announcement);

    /**
     * The client's session showed it is alive at {@code observed}: its record is extended, and
     * when the address changed (a NAT rebinding, a roam) the mutual peers are told. Returns false
     * when the key has no live record (the client should announce again).
     */
    boolean seen(PublicKey key, Endpoint observed);

    /** Forgets expired records; returns how many. */
    int expire();

    /**
     * An authenticated client reports on its direct path to {@code peer} (see the relay of last
     * resort). A coordinator without a relay has nothing that depends on it and ignores it.
     */
    default void reportPath(PublicKey reporter, PublicKey peer, DirectPathReport report) {}
}
