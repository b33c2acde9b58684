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
     * relay, direct, configured, none) and why it was chosen, what the device says of the traffic,
     * and the relay the coordinator offers for the peer (in use when {@code path} is relay).
     */
    public record PeerStatus(
            String publicKey,
            Optional<Endpoint> endpoint,
            String path,
            String reason,
            Optional<Instant> lastHandshake,
            long rxBytes,
            long txBytes,
            Optional<Endpoint> relay) {

        /** A peer with no relay offered. */
        public PeerStatus(String publicKey, Optional<Endpoint> endpoint, String path, String reason,
                Optional<Instant> lastHandshake, long rxBytes, long txBytes) {
            this(publicKey, endpoint, path, reason, lastHandshake, rxBytes, txBytes, Optional.empty());
        }

        public PeerStatus {
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(lastHandshake, "lastHandshake");
        }

        public boolean relayed() {
            return path.equals("relay");
        }
    }
}
