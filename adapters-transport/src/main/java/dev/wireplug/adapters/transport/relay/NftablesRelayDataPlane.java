package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The Linux in-kernel relay: the learning socket of the Netty plane, plus nftables DNAT/SNAT rules
 * (table {@code inet wireplug_relay}) installed once both sides are learned, so forwarded datagrams
 * never reach user space. Needs root (CAP_NET_ADMIN), {@code nft} and net.ipv4.ip_forward=1 for
 * remote pairs; IPv4 only in the kernel,
 * IPv6 pairs are forwarded in user space. The table is created when the plane starts and removed
 * when it stops.
 */
final class NftablesRelayDataPlane implements RelayDataPlane, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NftablesRelayDataPlane.class.getName());
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private final NftablesOffload offload;
    private final UdpRelay relay;

    NftablesRelayDataPlane(RelayPlaneSettings settings, NftRunner nft, LongSupplier nanos) throws IOException {
        warnUnlessForwarding();
        this.offload = new NftablesOffload(nft, settings.bindAddress());
        offload.install(settings.globalLimits());
        this.relay = new UdpRelay(settings.bindAddress(), settings.globalLimits(), settings.threads(), true, nanos,
                offload);
    }

    /**
     * DNATed datagrams between two remote peers take the kernel's forward path, which is off unless
     * net.ipv4.ip_forward is 1. A host-wide switch, so it is reported, not flipped.
     */
    private static void warnUnlessForwarding() {
        try {
            if (Files.readString(IP_FORWARD).strip().equals("0")) {
                LOG.log(System.Logger.Level.WARNING, "event=relay_kernel_forwarding_off sysctl=net.ipv4.ip_forward"
                        + " effect=remote_pairs_are_not_forwarded_until_it_is_1");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=relay_ip_forward_unreadable error={0}", e.getMessage());
        }
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
