package dev.wireplug.domain.relay;

import dev.wireplug.domain.net.Endpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an allocation stands: nothing learned yet, one side's real address learned, both learned
 * (traffic flows), or ended. Only {@link Active} forwards anything.
 */
public sealed interface RelayState {

    /** The learned address of a side, if that side has been learned. */
    Optional<Endpoint> learned(RelaySide side);

    /** Waiting for a valid initiation from either side's announced address. */
    record Pending() implements RelayState {
        @Override
        public Optional<Endpoint> learned(RelaySide side) {
            return Optional.empty();
        }
    }

    /** One side learned; what it sends is dropped until the other side shows up. */
    record OneLearned(RelaySide side, Endpoint endpoint) implements RelayState {
        public OneLearned {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        @Override
        public Optional<Endpoint> learned(RelaySide which) {
            return which == side ? Optional.of(endpoint) : Optional.empty();
        }
    }

    /** Both sides learned: datagrams from one learned address go to the other, and nothing else. */
    record Active(Endpoint a, Endpoint b) implements RelayState {
        public Active {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }

        @Override
        public Optional<Endpoint> learned(RelaySide side) {
            return Optional.of(side == RelaySide.A ? a : b);
        }

        /** Where a datagram from {@code source} goes: the other side, or nowhere. */
        public Optional<Endpoint> forwardTarget(Endpoint source) {
            if (source.equals(a)) {
                return Optional.of(b);
            }
            if (source.equals(b)) {
                return Optional.of(a);
            }
            return Optional.empty();
        }
    }

    /** Released or expired; forwards nothing and learns nothing. */
    record Ended(EndReason reason) implements RelayState {
        public Ended {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<Endpoint> learned(RelaySide side) {
            return Optional.empty();
        }
    }

    /** Why an allocation ended. */
    enum EndReason {
        /** The pair found a direct path (or went away) and the coordinator released it. */
        RELEASED,
        /** No traffic for the idle timeout, or never became active within the pending timeout. */
        IDLE_EXPIRED
    }
}
