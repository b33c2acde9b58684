package dev.wireplug.application.service;

import dev.wireplug.application.port.in.RendezvousUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.Rendezvous;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@link Rendezvous} to the store. Records live {@code recordTtl} after the last sign of
 * life; clients keep them alive with session keepalives, so a coordinator restart is healed by
 * clients re-announcing, never by persistent state. With a shared store, two instances may race
 * on one pair (each reads the other's record before either writes); the clients' periodic
 * re-announcement heals what such a race leaves out.
 */
public final class RendezvousService implements RendezvousUseCase {
    private final RendezvousStore store;
    private final Clock clock;
    private final Duration recordTtl;

    public RendezvousService(RendezvousStore store, PeerNotifier notifier, Clock clock, Duration recordTtl) {
        this.store = Objects.requireNonNull(store, "store");
        // Pushes go through the store, which hands them to whichever instance holds the
        // recipient's session; the ones for this instance come back to {@code notifier}.
        store.deliverPushesTo(Objects.requireNonNull(notifier, "notifier"));
        this.clock = Objects.requireNonNull(clock, "clock");
        if (recordTtl.isNegative() || recordTtl.isZero()) {
            throw new IllegalArgumentException("record TTL must be positive");
        }
        this.recordTtl = recordTtl;
    }

    @Override
    public synchronized List<PeerView> announce(Announcement announcement) {
        Instant now = clock.now();
        Optional<PeerRecord> previous = store.get(announcement.announcer());
        PeerRecord current = new PeerRecord(announcement, now.plus(recordTtl));
        store.put(current);
        Rendezvous.Outcome outcome = Rendezvous.onAnnounce(previous, current, store::get, now);
        outcome.pushes().forEach(push -> store.publish(push.recipient(), push.view()));
        return outcome.reply();
    }

    @Override
    public synchronized boolean seen(PublicKey key, Endpoint observed) {
        Instant now = clock.now();
        Optional<PeerRecord> record = store.get(key).filter(r -> r.liveAt(now));
        if (record.isEmpty()) {
            return false;
        }
        Announcement previous = record.get().announcement();
        if (previous.observed().equals(observed)) {
            store.put(new PeerRecord(previous, now.plus(recordTtl)));
        } else {
            announce(new Announcement(previous.announcer(), observed, previous.wireGuardPort(),
                    previous.natKind(), previous.mapped(), previous.wants()));
        }
        return true;
    }

    @Override
    public synchronized int expire() {
        return store.removeExpired(clock.now());
    }
}
