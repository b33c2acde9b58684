package dev.wireplug.adapters.store.memory;

import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.inject.Inject;

/** The coordinator's default state: a map in this process, lost on restart by design. */
final class InMemoryRendezvousStore implements RendezvousStore {
    private final ConcurrentMap<PublicKey, PeerRecord> records = new ConcurrentHashMap<>();
    /** One process, one instance: every push is for a session this process may hold. */
    private volatile PeerNotifier local = (recipient, view) -> { };

    @Inject
    InMemoryRendezvousStore() {}

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
        int[] removed = {0};
        records.values().removeIf(record -> {
            boolean expired = !record.liveAt(now);
            if (expired) {
                removed[0]++;
            }
            return expired;
        });
        return removed[0];
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
