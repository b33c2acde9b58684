package dev.wireplug.adapters.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every RendezvousStore must do; each adapter's test subclasses this. */
abstract class RendezvousStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected abstract RendezvousStore newStore();

    static PublicKey key(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        return PublicKey.of(bytes);
    }

    static PeerRecord record(int n, Instant expiresAt) {
        return new PeerRecord(new Announcement(key(n), Endpoint.parse("198.18.0." + n + ":4000"), 51820,
                NatKind.UNKNOWN, Optional.empty(), Map.of()), expiresAt);
    }

    @Test
    void aRecordPutIsReturnedUnderItsAnnouncersKey() {
        RendezvousStore store = newStore();
        PeerRecord record = record(1, T0);
        store.put(record);
        assertEquals(Optional.of(record), store.get(key(1)));
        assertEquals(Optional.empty(), store.get(key(2)));
    }

    @Test
    void aNewerRecordReplacesTheOlder() {
        RendezvousStore store = newStore();
        store.put(record(1, T0));
        PeerRecord newer = record(1, T0.plusSeconds(5));
        store.put(newer);
        assertEquals(Optional.of(newer), store.get(key(1)));
        assertEquals(1, store.size());
    }

    @Test
    void removeForgetsTheKey() {
        RendezvousStore store = newStore();
        store.put(record(1, T0));
        store.remove(key(1));
        assertTrue(store.get(key(1)).isEmpty());
    }

    @Test
    void removeExpiredForgetsExactlyTheRecordsExpiredByThen() {
        RendezvousStore store = newStore();
        store.put(record(1, T0));
        store.put(record(2, T0.plusSeconds(1)));
        store.put(record(3, T0.plusSeconds(2)));
        assertEquals(2, store.removeExpired(T0.plusSeconds(1)));
        assertTrue(store.get(key(1)).isEmpty());
        assertTrue(store.get(key(2)).isEmpty());
        assertTrue(store.get(key(3)).isPresent());
        assertEquals(1, store.size());
    }
}
