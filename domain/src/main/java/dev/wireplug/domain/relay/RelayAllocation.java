package dev.wireplug.domain.relay;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.relay.RelayState.Active;
import dev.wireplug.domain.relay.RelayState.EndReason;
import dev.wireplug.domain.relay.RelayState.Ended;
import dev.wireplug.domain.relay.RelayState.OneLearned;
import dev.wireplug.domain.relay.RelayState.Pending;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One relay allocation as a state machine: Pending -> OneLearned -> Active -> Ended.
 *
 * <p>The relay learns a side's real address (its NAT's port towards the relay) only from a
 * WireGuard handshake initiation that comes from the public address that side announced AND
 * carries a valid mac1 for the OTHER side's public key. mac1 proves the sender knows the
 * responder's public key, which only peers configured for it know; the address check ties the
 * sender to the peer the coordinator authenticated. A third host can do neither, so it can neither
 * use the allocation nor redirect it. The data plane checks mac1 (it holds the bytes); this class
 * decides with the result.
 *
 * <p>A learned side may be relearned the same way (its NAT rebinding to another port), so a
 * roam within the same public address does not strand the pair. Immutable.
 */
public record RelayAllocation(RelayAllocationId id, RelayPeer a, RelayPeer b, RelayState state) {

    public RelayAllocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(state, "state");
        if (a.key().equals(b.key())) {
            throw new IllegalArgumentException("a relay allocation joins two different peers");
        }
    }

    public static RelayAllocation pending(RelayAllocationId id, RelayPeer a, RelayPeer b) {
        return new RelayAllocation(id, a, b, new Pending());
    }

    public RelayPeer peer(RelaySide side) {
        return side == RelaySide.A ? a : b;
    }

    /** The result of an initiation seen at the relay port. */
    public sealed interface Learning {
        RelayAllocation allocation();

        /** {@code side} is now known at {@code endpoint}; {@code changed} when that is news. */
        record Learned(RelayAllocation allocation, RelaySide side, Endpoint endpoint, boolean changed)
                implements Learning {}

        /** Nothing learned; the datagram is to be dropped. */
        record Rejected(RelayAllocation allocation, Rejection why) implements Learning {}
    }

    /** Why an initiation taught the relay nothing. */
    public enum Rejection {
        ENDED,
        /** The source address is neither side's announced public address. */
        UNKNOWN_ADDRESS,
        /** From an announced address, but mac1 is not valid for the other side's key. */
        BAD_MAC1,
        /** Valid for both sides at once (only possible with a shared address and equal keys). */
        AMBIGUOUS
    }

    /**
     * An initiation arrived from {@code source}; {@code mac1ValidFor} holds the sides whose public
     * key the message's mac1 verifies against (so an initiation from A to B has {@code {B}}).
     */
    public Learning onInitiation(Endpoint source, Set<RelaySide> mac1ValidFor) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mac1ValidFor, "mac1ValidFor");
        if (state instanceof Ended) {
            return new Learning.Rejected(this, Rejection.ENDED);
        }
        Set<RelaySide> fromAnnounced = EnumSet.noneOf(RelaySide.class);
        Set<RelaySide> senders = EnumSet.noneOf(RelaySide.class);
        for (RelaySide side : RelaySide.values()) {
            if (peer(side).publicAddress().equals(source.address())) {
                fromAnnounced.add(side);
                if (mac1ValidFor.contains(side.other())) {
                    senders.add(side);
                }
            }
        }
        if (fromAnnounced.isEmpty()) {
            return new Learning.Rejected(this, Rejection.UNKNOWN_ADDRESS);
        }
        if (senders.isEmpty()) {
            return new Learning.Rejected(this, Rejection.BAD_MAC1);
        }
        if (senders.size() > 1) {
            return new Learning.Rejected(this, Rejection.AMBIGUOUS);
        }
        RelaySide side = senders.iterator().next();
        boolean changed = !state.learned(side).equals(Optional.of(source));
        return new Learning.Learned(withState(learn(side, source)), side, source, changed);
    }

    private RelayState learn(RelaySide side, Endpoint source) {
        return switch (state) {
            case Pending p -> new OneLearned(side, source);
            case OneLearned one when one.side() == side -> new OneLearned(side, source);
            case OneLearned one -> side == RelaySide.A ? new Active(source, one.endpoint()) : new Active(one.endpoint(), source);
            case Active active -> side == RelaySide.A ? new Active(source, active.b()) : new Active(active.a(), source);
            case Ended ended -> ended;
        };
    }

    /** Ends the allocation; ending an ended one keeps the first reason. */
    public RelayAllocation end(EndReason reason) {
        if (state instanceof Ended) {
            return this;
        }
        return withState(new Ended(reason));
    }

    public boolean isActive() {
        return state instanceof Active;
    }

    public boolean isEnded() {
        return state instanceof Ended;
    }

    private RelayAllocation withState(RelayState next) {
        return new RelayAllocation(id, a, b, next);
    }
}
