package dev.wireplug.application.port.out;

import dev.wireplug.domain.nat.MappingMethod;
import java.net.InetAddress;

/**
 * Unsolicited gateway announcements (NAT-PMP address changes, PCP ANNOUNCE, both to
 * 224.0.0.1:5350): each carries the gateway's epoch, which shows a restart at once instead of at
 * the next renewal.
 */
public interface GatewayAnnouncements extends AutoCloseable {
    /** Delivers every announcement until {@link #close()}. */
    void start(Listener listener);

    @FunctionalInterface
    interface Listener {
        /** {@code method} says whose epoch it is: a gateway may keep one per protocol. */
        void announced(InetAddress gateway, MappingMethod method, long epochSeconds);
    }

    @Override
    void close();
}
