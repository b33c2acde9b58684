package dev.wireplug.application.status;

import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.net.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@code wireplugd IFNAME status} shows: the daemon's view of its network and each peer. */
public record DaemonStatus(
        String interfaceName,
        String backend,
        int listenPort,
        NatKind natKind,
        Optional<Endpoint> publicEndpoint,
        Optional<PortMapping> mapping,
        String coordinator,
        boolean sessionUp,
        List<PeerStatus> peers) {

    public DaemonStatus {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(natKind, "natKind");
        Objects.requireNonNull(publicEndpoint, "publicEndpoint");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(coordinator, "coordinator");
        peers = List.copyOf(peers);
    }

    /**
     * One peer: the endpoint in use, which kind of path it is (lan, ipv6, mapped, observed,
     * relay, configured, none) and why it was chosen, and what the device says of the traffic.
     */
    public record PeerStatus(
            String publicKey,
            Optional<Endpoint> endpoint,
            String path,
            String reason,
            Optional<Instant> lastHandshake,
            long rxBytes,
            long txBytes) {

        public PeerStatus {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(lastHandshake, "lastHandshake");
        }
    }
}
