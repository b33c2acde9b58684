package dev.wireplug.application.service;

import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The smallest honest store for the application's tests: a map, expiry by the record's own rule,
 * one instance (every push is for a session held here).
 */
public final class MapRendezvousStore implements RendezvousStore {
    private final Map<PublicKey, PeerRecord> records = new HashMap<>();
    private PeerNotifier local = (recipient, view) -> { };

    @Override
    public void put(PeerRecord record) {
        records.put(record.announcement().announcer(), record);
    }

    @Override
    public Optional<PeerRecord> get(PublicKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public void remove(PublicKey key) {
        records.remove(key);
    }

    @Override
    public int removeExpired(Instant at) {
        int before = records.size();
        records.values().removeIf(r -> !r.liveAt(at));
        return before - records.size();
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public void deliverPushesTo(PeerNotifier local) {
        this.local = local;
    }

    @Override
    public void publish(PublicKey recipient, PeerView view) {
        local.push(recipient, view);
    }
}
