package dev.wireplug.application.port.out;

import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import dev.wireplug.domain.relay.RelayState;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves WireGuard datagrams between the two sides of a relay allocation. One UDP port per
 * allocation: both peers are told {@code relayAddress:port} as the other's endpoint, and the
 * plane tells the sides apart by their learned source addresses. It learns each side only from a
 * handshake initiation arriving from that side's announced address with a mac1 valid for the
 * other side's key, forwards only between the two learned addresses, and drops (and counts)
 * everything else.
 */
public interface RelayDataPlane {

    /**
     * What to open. {@code port} 0 lets the plane pick a free port; {@code limits} apply to this
     * allocation alone (the plane also enforces its own global limits).
     */
    record Opening(RelayAllocationId id, RelayPeer a, RelayPeer b, RelayLimits limits, int port) {
        public Opening {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            Objects.requireNonNull(limits, "limits");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("relay port " + port + " is outside 0-65535");
            }
            if (a.key().equals(b.key())) {
                throw new IllegalArgumentException("a relay joins two different peers");
            }
        }
    }

    /** Starts relaying for an allocation; returns the UDP port the peers are to use. */
    int open(Opening opening) throws RelayException;

    /** What the plane has learned so far; empty for an allocation it does not hold. */
    Optional<RelayState> learned(RelayAllocationId id);

    /** Datagrams forwarded and dropped so far; zero for an allocation it does not hold. */
    RelayCounters counters(RelayAllocationId id);

    /** Stops relaying and frees the port (and any kernel rules); closing twice is harmless. */
    void close(RelayAllocationId id);
}
