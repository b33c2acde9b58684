package dev.wireplug.adapters.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RendezvousStore} must do; each adapter's test subclasses this. Times are
 * relative to the real clock because a shared store expires records by its own clock.
 */
public abstract class RendezvousStoreContract {
    protected static final Duration TTL = Duration.ofSeconds(90);

    /** A fresh, empty store (for a shared store: one instance of a fresh, empty deployment). */
    protected abstract RendezvousStore newStore();

    public static PublicKey key(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        bytes[31] = (byte) 0x5a;
        return PublicKey.of(bytes);
    }

    public static PeerRecord record(int n, Instant expiresAt) {
        return new PeerRecord(announcement(key(n), "198.18.0." + n + ":4000"), expiresAt);
    }

    public static Announcement announcement(PublicKey who, String observed, PublicKey... wants) {
        Map<PublicKey, SealedHint> wanted = new HashMap<>();
        for (PublicKey w : wants) {
            wanted.put(w, SealedHint.of(new byte[] {1, 2, w.bytes()[0]}));
        }
        return new Announcement(who, Endpoint.parse(observed), 51820, NatKind.UNKNOWN, Optional.empty(), wanted);
    }

    public static PeerView view(int n) {
        return new PeerView(key(n), Endpoint.parse("198.18.0." + n + ":4000"), 51820, NatKind.FIXED_MAPPING,
                Optional.of(Endpoint.parse("198.18.1." + n + ":4001")), SealedHint.of(new byte[] {9}), Optional.empty());
    }

    /** Polls, for stores that deliver on another thread. */
    public static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public record Pushed(PublicKey recipient, PeerView view) {}

    @Test
    void aRecordPutIsReturnedWholeUnderItsAnnouncersKey() {
        RendezvousStore store = newStore();
        Instant expires = Instant.now().plus(TTL).plusNanos(123_456_789);
        PeerRecord record = new PeerRecord(new Announcement(key(1), Endpoint.parse("[2001:db8::1]:4000"), 51821,
                NatKind.FIXED_MAPPING, Optional.of(Endpoint.parse("198.18.1.1:40000")),
                Map.of(key(2), SealedHint.of(new byte[] {1, 2, 3}), key(3), SealedHint.none())), expires);
        store.put(record);
        assertEquals(Optional.of(record), store.get(key(1)));
        assertEquals(Optional.empty(), store.get(key(2)));
    }

    @Test
    void aNewerRecordReplacesTheOlder() {
        RendezvousStore store = newStore();
        Instant base = Instant.now().plus(TTL);
        store.put(record(1, base));
        PeerRecord newer = record(1, base.plusSeconds(5));
        store.put(newer);
        assertEquals(Optional.of(newer), store.get(key(1)));
        assertEquals(1, store.size());
    }

    @Test
    void removeForgetsTheKey() {
        RendezvousStore store = newStore();
        store.put(record(1, Instant.now().plus(TTL)));
        store.remove(key(1));
        assertTrue(store.get(key(1)).isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void removeExpiredForgetsExactlyTheRecordsExpiredByThen() {
        RendezvousStore store = newStore();
        Instant base = Instant.now().plus(TTL);
        store.put(record(1, base));
        store.put(record(2, base.plusSeconds(1)));
        store.put(record(3, base.plusSeconds(2)));
        assertEquals(2, store.removeExpired(base.plusSeconds(1)));
        assertTrue(store.get(key(1)).isEmpty());
        assertTrue(store.get(key(2)).isEmpty());
        assertTrue(store.get(key(3)).isPresent());
        assertEquals(1, store.size());
    }

    @Test
    void aRecordPastItsExpiryIsNeverReadAsLive() throws InterruptedException {
        RendezvousStore store = newStore();
        store.put(record(1, Instant.now().plusMillis(300)));
        Thread.sleep(700);
        Instant now = Instant.now();
        assertTrue(store.get(key(1)).filter(r -> r.liveAt(now)).isEmpty());
        store.removeExpired(now);
        assertTrue(store.get(key(1)).isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void aPushForAKeyThisInstanceHoldsComesBackToItsSessions() {
        RendezvousStore store = newStore();
        List<Pushed> pushed = new CopyOnWriteArrayList<>();
        store.deliverPushesTo((recipient, v) -> pushed.add(new Pushed(recipient, v)));
        store.put(record(1, Instant.now().plus(TTL)));
        store.publish(key(1), view(2));
        eventually("the push arrives", () -> !pushed.isEmpty());
        assertEquals(List.of(new Pushed(key(1), view(2))), pushed);
    }

    @Test
    void onlyPeersThatListEachOtherSeeEachOther() {
        RendezvousStore store = newStore();
        List<Pushed> pushed = new CopyOnWriteArrayList<>();
        Instant[] now = {Instant.now()};
        RendezvousService service = new RendezvousService(store, (r, v) -> pushed.add(new Pushed(r, v)),
                () -> now[0], TTL);
        PublicKey a = key(1);
        PublicKey b = key(2);
        PublicKey c = key(3);
        assertEquals(List.of(), service.announce(announcement(b, "198.18.0.2:1000", a)));
        assertEquals(List.of(), service.announce(announcement(c, "198.18.0.3:1000", a)), "a does not list c");
        List<PeerView> reply = service.announce(announcement(a, "198.18.0.1:1000", b));
        assertEquals(List.of(b), reply.stream().map(PeerView::peer).toList());
        assertEquals(SealedHint.of(new byte[] {1, 2, 1}), reply.get(0).hint(), "b's hint sealed for a");
        eventually("b is told about a", () -> !pushed.isEmpty());
        assertEquals(b, pushed.get(0).recipient());
        assertEquals(a, pushed.get(0).view().peer());
        assertTrue(pushed.stream().noneMatch(p -> p.recipient().equals(c)), "c never learns about a");
    }

    @Test
    void anExpiredRecordIsNotPairedEvenIfTheStoreStillHasIt() {
        RendezvousStore store = newStore();
        Instant[] now = {Instant.now()};
        RendezvousService service = new RendezvousService(store, (r, v) -> { }, () -> now[0], TTL);
        service.announce(announcement(key(2), "198.18.0.2:1000", key(1)));
        now[0] = now[0].plus(TTL).plusSeconds(1);
        assertEquals(List.of(), service.announce(announcement(key(1), "198.18.0.1:1000", key(2))));
    }
}
