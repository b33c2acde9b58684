package dev.wireplug.domain.nat.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Compares the external address a gateway reports with the public address the coordinator
 * observed. Gateways report nothing, 0.0.0.0 or their own private WAN address when they sit
 * behind another NAT (and miniupnpd 2.3.9 answers an empty string over UPnP): such answers prove
 * nothing, so the mapping needs a probe from outside before peers are told about it.
 */
public final class ExternalAddressCheck {
    private ExternalAddressCheck() {}

    public static MappingTrust classify(Optional<InetAddress> gatewayReported, Optional<InetAddress> observed) {
        if (gatewayReported.isEmpty() || !isPublic(gatewayReported.get())) {
            return MappingTrust.UNVERIFIED;
        }
        if (observed.isEmpty()) {
            return MappingTrust.UNVERIFIED;
        }
        return gatewayReported.get().equals(observed.get()) ? MappingTrust.TRUSTED : MappingTrust.DOUBLE_NAT;
    }

    /**
     * Whether an address can be a NAT's outside address on the internet: not unspecified,
     * loopback, link-local, multicast, RFC 1918, shared CGNAT space (100.64/10) or IPv6 ULA.
     * 198.18/15 counts as public on purpose: the lab's "internet" lives there.
     */
    public static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
                || a.isSiteLocalAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0 || first >= 240) {
                return false;
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return false;
            }
            return !(first == 192 && second == 0 && (b[2] & 0xFF) == 0);
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xFE) != 0xFC;
        }
        return false;
    }
}
