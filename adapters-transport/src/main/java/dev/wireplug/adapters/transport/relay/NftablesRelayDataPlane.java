package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayState;
import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The Linux in-kernel relay: the learning socket of the Netty plane, plus nftables DNAT/SNAT rules
 * (table {@code inet wireplug_relay}) installed once both sides are learned, so forwarded datagrams
 * never reach user space. Needs root (CAP_NET_ADMIN) and {@code nft}; IPv4 only in the kernel,
 * IPv6 pairs are forwarded in user space. The table is created when the plane starts and removed
 * when it stops.
 */
final class NftablesRelayDataPlane implements RelayDataPlane, AutoCloseable {
    private final NftablesOffload offload;
    private final UdpRelay relay;

    NftablesRelayDataPlane(RelayPlaneSettings settings, NftRunner nft, LongSupplier nanos) throws IOException {
        this.offload = new NftablesOffload(nft, settings.bindAddress());
        offload.install(settings.globalLimits());
        this.relay = new UdpRelay(settings.bindAddress(), settings.globalLimits(), settings.threads(), true, nanos,
                offload);
    }

    /** Whether the kernel rules for the allocation are in place (for tests and the benchmark). */
    boolean offloaded(RelayAllocationId id) {
        return offload.offloaded(id);
    }

    /** What the kernel alone forwarded and limited. */
    RelayCounters kernelCounters(RelayAllocationId id) {
        return offload.counters(id);
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
        offload.uninstall();
        offload.close();
    }
}
