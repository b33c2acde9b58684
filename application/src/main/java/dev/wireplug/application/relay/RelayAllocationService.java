package dev.wireplug.application.relay;

import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.relay.RelayActivity;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayDecision;
import dev.wireplug.domain.relay.RelayIdlePolicy;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import dev.wireplug.domain.relay.RelayPolicy;
import dev.wireplug.domain.relay.RelayRequest;
import dev.wireplug.domain.relay.RelayState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinator's relay allocations: grants one when {@link RelayPolicy} says so, hands it to the
 * {@link RelayDataPlane}, releases it when the pair reports a working direct path, and expires
 * idle ones by polling the plane's counters (so the user-space and the in-kernel plane are judged
 * alike). One allocation per unordered pair; thread-safe.
 */
public final class RelayAllocationService {

    /** The answer to a relay request. */
    public sealed interface Outcome {
        /** Both peers are to use {@code relayAddress:port} as the other's endpoint. */
        record Granted(RelayAllocationId id, int port, String reason) implements Outcome {}

        record Refused(RelayDecision.Refusal refusal) implements Outcome {}
    }

    /** One allocation as {@code status} shows it. */
    public record AllocationStatus(RelayAllocationId id, RelayPeer a, RelayPeer b, int port, Instant since,
            RelayState state, RelayCounters counters) {}

    private record Held(RelayAllocationId id, RelayPeer a, RelayPeer b, int port, RelayActivity activity) {
        Held observed(long forwarded, Instant now) {
            return new Held(id, a, b, port, activity.observe(forwarded, now));
        }
    }

    /**
     * At most this many allocations at once, and at most {@link #DEFAULT_MAX_PER_ADDRESS} involving
     * one public address: keys cost nothing to make, so one party holding many mutually listing
     * keys must not be able to take every relay port.
     */
    public static final int DEFAULT_MAX_ALLOCATIONS = 10_000;
    public static final int DEFAULT_MAX_PER_ADDRESS = 64;

    private final RelayDataPlane plane;
    private final Clock clock;
    private final RelayPolicy policy;
    private final RelayIdlePolicy idle;
    private final RelayLimits perAllocation;
    private final int maxAllocations;
    private final int maxPerAddress;
    private final Map<Set<PublicKey>, Held> byPair = new LinkedHashMap<>();
    private long lastId;
    private long granted;
    private long closedBytes;

    public RelayAllocationService(RelayDataPlane plane, Clock clock, RelayPolicy policy, RelayIdlePolicy idle,
            RelayLimits perAllocation) {
        this(plane, clock, policy, idle, perAllocation, DEFAULT_MAX_ALLOCATIONS, DEFAULT_MAX_PER_ADDRESS);
    }

    public RelayAllocationService(RelayDataPlane plane, Clock clock, RelayPolicy policy, RelayIdlePolicy idle,
            RelayLimits perAllocation, int maxAllocations, int maxPerAddress) {
        if (maxAllocations < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("relay allocation caps must be positive");
        }
        this.maxAllocations = maxAllocations;
        this.maxPerAddress = maxPerAddress;
        this.plane = Objects.requireNonNull(plane, "plane");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.perAllocation = Objects.requireNonNull(perAllocation, "perAllocation");
    }

    /**
     * Grants (or re-grants) a relay for the pair. An existing allocation whose expected public
     * addresses still match is returned as it is; one for addresses that changed (a roam) is
     * closed and replaced, since the plane learns only from the announced addresses.
     */
    public synchronized Outcome request(RelayRequest request) throws RelayException {
        Instant now = clock.now();
        RelayDecision decision = policy.decide(request, now,
                byPair.containsKey(Set.of(request.a().key(), request.b().key())));
        if (decision instanceof RelayDecision.Refuse refuse) {
            return new Outcome.Refused(refuse.refusal());
        }
        String reason = ((RelayDecision.Allocate) decision).reason();
        RelayPeer a = request.a().asRelayPeer();
        RelayPeer b = request.b().asRelayPeer();
        Set<PublicKey> pair = Set.of(a.key(), b.key());
        Held existing = byPair.get(pair);
        if (existing != null) {
            if (sameExpectations(existing, a, b)) {
                return new Outcome.Granted(existing.id(), existing.port(), reason);
            }
            byPair.remove(pair);
            close(existing.id());
        }
        if (byPair.size() >= maxAllocations) {
            throw new RelayException("the relay holds " + byPair.size() + " allocations, its maximum");
        }
        for (RelayPeer side : List.of(a, b)) {
            long using = byPair.values().stream().filter(h -> h.a().publicAddress().equals(side.publicAddress())
                    || h.b().publicAddress().equals(side.publicAddress())).count();
            if (using >= maxPerAddress) {
                throw new RelayException("a public address already takes part in " + using + " allocations");
            }
        }
        RelayAllocationId id = new RelayAllocationId(++lastId);
        int port = plane.open(new RelayDataPlane.Opening(id, a, b, perAllocation, 0));
        byPair.put(pair, new Held(id, a, b, port, RelayActivity.startedAt(now)));
        granted++;
        return new Outcome.Granted(id, port, reason);
    }

    /** A direct path works for the pair (or one of them left): the relay gives way. */
    public synchronized boolean release(PublicKey one, PublicKey other) {
        Held held = byPair.remove(Set.of(one, other));
        if (held == null) {
            return false;
        }
        close(held.id());
        return true;
    }

    /**
     * Polls every allocation's counters and closes those the idle policy gives up on; returns the
     * ids closed. Meant to run every few seconds.
     */
    public synchronized List<RelayAllocationId> expireIdle() {
        Instant now = clock.now();
        List<RelayAllocationId> expired = new ArrayList<>();
        for (var it = byPair.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Held held = entry.getValue().observed(plane.counters(entry.getValue().id()).forwardedPackets(), now);
            entry.setValue(held);
            RelayState state = plane.learned(held.id()).orElse(new RelayState.Pending());
            if (idle.expired(state, held.activity(), now)) {
                it.remove();
                close(held.id());
                expired.add(held.id());
            }
        }
        return expired;
    }

    /** Allocations granted since start, for the operator's metrics. */
    public synchronized long granted() {
        return granted;
    }

    /** Allocations held now. */
    public synchronized int active() {
        return byPair.size();
    }

    /**
     * Bytes forwarded since start, released allocations included. Asks the plane for every live
     * allocation's counters (a command per allocation for the nftables plane): read it once per scrape.
     */
    public synchronized long forwardedBytes() {
        return closedBytes + byPair.values().stream().mapToLong(h -> plane.counters(h.id()).forwardedBytes()).sum();
    }

    /** Closes an allocation in the plane, keeping what it forwarded in the totals. */
    private void close(RelayAllocationId id) {
        closedBytes += plane.counters(id).forwardedBytes();
        plane.close(id);
    }

    public synchronized Optional<AllocationStatus> find(PublicKey one, PublicKey other) {
        return Optional.ofNullable(byPair.get(Set.of(one, other))).map(this::status);
    }

    public synchronized List<AllocationStatus> status() {
        return byPair.values().stream()
                .sorted(Comparator.comparingLong(h -> h.id().value()))
                .map(this::status)
                .toList();
    }

    private AllocationStatus status(Held held) {
        return new AllocationStatus(held.id(), held.a(), held.b(), held.port(), held.activity().since(),
                plane.learned(held.id()).orElse(new RelayState.Pending()), plane.counters(held.id()));
    }

    private static boolean sameExpectations(Held held, RelayPeer a, RelayPeer b) {
        return (held.a().equals(a) && held.b().equals(b)) || (held.a().equals(b) && held.b().equals(a));
    }
}
