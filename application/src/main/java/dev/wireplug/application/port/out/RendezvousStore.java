package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import java.time.Instant;
import java.util.Optional;

/**
 * The coordinator's memory of who announced what, shared across instances when scaled out, and
 * the way a push reaches the instance that holds its recipient's session.
 *
 * <p>Every instance keeps a local view of the records it put (its own clients'): when a shared
 * store is slow or gone, reads fall back to that view and writes are replayed once it returns,
 * so an outage never stops an instance from answering its own clients.
 */
public interface RendezvousStore {

    /** Replaces the record of its announcer's key; this instance now holds that key's session. */
    void put(PeerRecord record);

    /**
     * The key's record, if any. An expired record may already be gone (a shared store expires it
     * by itself) or still be returned: deciding what expiry means is the caller's job.
     */
    Optional<PeerRecord> get(PublicKey key);

    void remove(PublicKey key);

    /** Forgets every record this instance holds that expired at or before {@code now}; returns how many. */
    int removeExpired(Instant now);

    /** How many records this instance holds (for metrics and tests). */
    int size();

    /**
     * Where pushes for the keys this instance holds are delivered (its sessions). Called once,
     * before the first {@link #put}.
     */
    void deliverPushesTo(PeerNotifier local);

    /**
     * Sends {@code view} to whichever instance holds {@code recipient}'s session, this one
     * included. Best effort, like {@link PeerNotifier#push}: a lost push is healed by the
     * recipient's next announcement.
     */
    void publish(PublicKey recipient, PeerView view);
}
