package dev.wireplug.domain.nat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A granted mapping plus what is needed to renew and delete it: the gateway, the last epoch it
 * reported, and an opaque token only the mapper that made the lease reads (PCP keeps its nonce
 * there, UPnP its control URL). Handed back unchanged to the same mapper.
 */
public record MappingLease(PortMapping mapping, InetAddress gateway, Optional<GatewayEpoch> epoch, byte[] token) {
    public MappingLease {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(epoch, "epoch");
        token = Objects.requireNonNull(token, "token").clone();
    }

    public MappingMethod method() {
        return mapping.method();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappingLease l && l.mapping.equals(mapping) && l.gateway.equals(gateway)
                && l.epoch.equals(epoch) && Arrays.equals(l.token, token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mapping, gateway, epoch, Arrays.hashCode(token));
    }

    @Override
    public String toString() {
        return "MappingLease[" + mapping + ", gateway=" + gateway.getHostAddress() + ", epoch=" + epoch + "]";
    }
}
