package dev.wireplug.application.relay;

import dev.wireplug.application.port.in.RendezvousUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.application.relay.RelayAllocationService.AllocationStatus;
import dev.wireplug.application.relay.RelayAllocationService.Outcome;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.relay.DirectPathReports;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCandidate;
import dev.wireplug.domain.relay.RelayRequest;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.Rendezvous;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rendezvous with a relay of last resort: every view a peer is told of a mutual peer (in an
 * answer or a push) carries the relay endpoint when {@link RelayAllocationService} grants or holds
 * an allocation for the pair. When an allocation is made or moved (a side roamed to another public
 * address), both sides are pushed their view with the new port at once; when both sides report a
 * working direct path, or the allocation idles out, it is released and both are pushed their view
 * without it.
 *
 * <p>Wraps the plain {@link RendezvousUseCase}, which it builds with a notifier that adds the relay
 * to its pushes, so the pairing rule stays where it is and knows nothing of relays. Logs name
 * allocations and short keys, never an address.
 */
public final class RelayingRendezvous implements RendezvousUseCase {
    private static final Logger LOG = System.getLogger(RelayingRendezvous.class.getName());

    private final RendezvousUseCase inner;
    private final RendezvousStore store;
    private final RelayAllocationService relays;
    private final PeerNotifier notifier;
    private final Clock clock;
    private final InetAddress relayAddress;
    private final Map<Set<PublicKey>, DirectPathReports> reports = new HashMap<>();
    /** The allocation each pair was last told of, to notice a new or moved one. */
    private final Map<Set<PublicKey>, RelayAllocationId> told = new HashMap<>();

    /**
     * @param innerFactory builds the plain rendezvous around the notifier it is to push through
     * @param relayAddress the address peers send to (the relay ports are bound on it)
     */
    public RelayingRendezvous(Function<PeerNotifier, RendezvousUseCase> innerFactory, RendezvousStore store,
            RelayAllocationService relays, PeerNotifier notifier, Clock clock, InetAddress relayAddress) {
        this.store = Objects.requireNonNull(store, "store");
        this.relays = Objects.requireNonNull(relays, "relays");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.relayAddress = Objects.requireNonNull(relayAddress, "relayAddress");
        this.inner = innerFactory.apply(this::pushWithRelay);
    }

    @Override
    public synchronized List<PeerView> announce(Announcement announcement) {
        PublicKey announcer = announcement.announcer();
        return inner.announce(announcement).stream().map(view -> withRelay(announcer, view)).toList();
    }

    @Override
    public synchronized boolean seen(PublicKey key, Endpoint observed) {
        return inner.seen(key, observed);
    }

    @Override
    public synchronized int expire() {
        int expired = inner.expire();
        Instant now = clock.now();
        for (AllocationStatus held : relays.status()) {
            PublicKey a = held.a().key();
            PublicKey b = held.b().key();
            if (mutualRecords(a, b, now).isEmpty()) {
                relays.release(a, b);
                forget(Set.of(a, b));
                LOG.log(Level.INFO, "event=relay_released allocation={0} reason=no_longer_mutual", held.id());
            }
        }
        Map<RelayAllocationId, AllocationStatus> before = new HashMap<>();
        relays.status().forEach(s -> before.put(s.id(), s));
        for (RelayAllocationId id : relays.expireIdle()) {
            AllocationStatus gone = before.get(id);
            LOG.log(Level.INFO, "event=relay_expired allocation={0} port={1}", id, gone.port());
            forget(Set.of(gone.a().key(), gone.b().key()));
            pushBoth(gone.a().key(), gone.b().key(), Optional.empty());
        }
        return expired;
    }

    @Override
    public synchronized void reportPath(PublicKey reporter, PublicKey peer, DirectPathReport report) {
        Instant now = clock.now();
        if (reporter.equals(peer) || mutualRecords(reporter, peer, now).isEmpty()) {
            return; // only a mutual pair's reports count, so nobody can act on a pair it is not part of
        }
        Set<PublicKey> pair = Set.of(reporter, peer);
        DirectPathReports updated = reports.getOrDefault(pair, DirectPathReports.NONE).with(reporter, report, now);
        reports.put(pair, updated);
        Optional<AllocationStatus> held = relays.find(reporter, peer);
        if (report == DirectPathReport.DIRECT_WORKS) {
            if (held.isPresent() && updated.bothWork(reporter, peer, now)) {
                relays.release(reporter, peer);
                forget(pair);
                LOG.log(Level.INFO, "event=relay_released allocation={0} port={1} reason=direct_path",
                        held.get().id(), held.get().port());
                pushBoth(reporter, peer, Optional.empty());
            }
            return;
        }
        if (held.isEmpty()) {
            relayFor(reporter, peer); // pushes both sides when granted
        }
    }

    /** For status and tests: the allocations held now. */
    public synchronized List<AllocationStatus> allocations() {
        return relays.status();
    }

    private void pushWithRelay(PublicKey recipient, PeerView view) {
        notifier.push(recipient, withRelay(recipient, view));
    }

    private PeerView withRelay(PublicKey recipient, PeerView view) {
        return with(view, relayFor(recipient, view.peer()));
    }

    /** The relay endpoint for the pair, allocating one if the policy says so. */
    private Optional<Endpoint> relayFor(PublicKey x, PublicKey y) {
        Instant now = clock.now();
        Optional<PeerRecord[]> records = mutualRecords(x, y, now);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        Set<PublicKey> pair = Set.of(x, y);
        RelayRequest request = new RelayRequest(candidate(records.get()[0]), candidate(records.get()[1]),
                reports.getOrDefault(pair, DirectPathReports.NONE).failingSince(now));
        Outcome outcome;
        try {
            outcome = relays.request(request);
        } catch (RelayException e) {
            LOG.log(Level.WARNING, "event=relay_unavailable a={0} b={1} error=\"{2}\"", x.shortForm(), y.shortForm(),
                    e.getMessage());
            return Optional.empty();
        }
        if (!(outcome instanceof Outcome.Granted granted)) {
            return Optional.empty();
        }
        Endpoint relay = new Endpoint(relayAddress, granted.port());
        RelayAllocationId previous = told.put(pair, granted.id());
        if (!granted.id().equals(previous)) {
            reports.remove(pair); // reports were about the situation before this allocation
            LOG.log(Level.INFO, "event=relay_allocated allocation={0} port={1} a={2} b={3} reason=\"{4}\"",
                    granted.id(), granted.port(), x.shortForm(), y.shortForm(), granted.reason());
            pushBoth(x, y, Optional.of(relay));
        }
        return Optional.of(relay);
    }

    /** Tells each side of the pair its view of the other, with {@code relay}. */
    private void pushBoth(PublicKey x, PublicKey y, Optional<Endpoint> relay) {
        Optional<PeerRecord[]> records = mutualRecords(x, y, clock.now());
        if (records.isEmpty()) {
            return;
        }
        notifier.push(x, with(Rendezvous.viewOf(records.get()[1], x), relay));
        notifier.push(y, with(Rendezvous.viewOf(records.get()[0], y), relay));
    }

    private void forget(Set<PublicKey> pair) {
        told.remove(pair);
        reports.remove(pair);
    }

    /** Both live records, when the two list each other. */
    private Optional<PeerRecord[]> mutualRecords(PublicKey x, PublicKey y, Instant now) {
        Optional<PeerRecord> rx = store.get(x);
        Optional<PeerRecord> ry = store.get(y);
        if (rx.isEmpty() || ry.isEmpty() || !Rendezvous.mutual(rx.get(), ry.get(), now)) {
            return Optional.empty();
        }
        return Optional.of(new PeerRecord[] {rx.get(), ry.get()});
    }

    private static RelayCandidate candidate(PeerRecord record) {
        Announcement a = record.announcement();
        return new RelayCandidate(a.announcer(), a.wants().keySet(), a.observed().address(), a.natKind(), a.mapped());
    }

    private static PeerView with(PeerView view, Optional<Endpoint> relay) {
        return new PeerView(view.peer(), view.observed(), view.wireGuardPort(), view.natKind(), view.mapped(),
                view.hint(), relay);
    }
}
