package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerRecord;
import java.time.Instant;
import java.util.Optional;

/** The coordinator's memory of who announced what, shared across instances when scaled out. */
public interface RendezvousStore {

    /** Replaces the record of its announcer's key. */
    void put(PeerRecord record);

    /** The key's record, expired or not: deciding what expiry means is the caller's job. */
    Optional<PeerRecord> get(PublicKey key);

    void remove(PublicKey key);

    /** Forgets every record that expired at or before {@code now}; returns how many. */
    int removeExpired(Instant now);

    /** How many records are held (for metrics and tests). */
    int size();
}
