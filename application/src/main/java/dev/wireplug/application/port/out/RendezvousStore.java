package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The coordinator's memory of who announced what, shared across instances when scaled out. */
public interface RendezvousStore {

    /** What a peer announced: where it was seen and which peers it wants to reach. */
    record PeerRecord(PublicKey key, Endpoint observed, Set<PublicKey> wants, Instant expiresAt) {
        public PeerRecord {
            wants = Set.copyOf(wants);
        }
    }

    void put(PeerRecord record);

    Optional<PeerRecord> get(PublicKey key);

    void remove(PublicKey key);
}
