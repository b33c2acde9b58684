package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayState;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The portable relay: every datagram passes through user space (Netty, epoll where available).
 * The default everywhere.
 */
final class NettyRelayDataPlane implements RelayDataPlane, AutoCloseable {
    private final UdpRelay relay;

    NettyRelayDataPlane(RelayPlaneSettings settings, LongSupplier nanos) {
        this.relay = new UdpRelay(settings.bindAddress(), settings.globalLimits(), settings.threads(), true, nanos,
                RelayOffload.NONE);
    }

    boolean usesEpoll() {
        return relay.usesEpoll();
    }

    @Override
    public int open(Opening opening) throws RelayException {
        return relay.open(opening);
    }

    @Override
    public Optional<RelayState> learned(RelayAllocationId id) {
        return relay.learned(id);
    }

    @Override
    public RelayCounters counters(RelayAllocationId id) {
        return relay.counters(id);
    }

    @Override
    public void close(RelayAllocationId id) {
        relay.close(id);
    }

    @Override
    public void close() {
        relay.close();
    }
}
