package dev.wireplug.adapters.transport.server;

import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A test store (adapters-store is another adapter module, so not a dependency of this one). */
public final class MapRendezvousStore implements RendezvousStore {
    private final Map<PublicKey, PeerRecord> records = new ConcurrentHashMap<>();
    private volatile PeerNotifier local = (recipient, view) -> { };

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
    public int removeExpired(Instant now) {
        int before = records.size();
        records.values().removeIf(r -> !r.liveAt(now));
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
