package dev.wireplug.application.roaming;

import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.peer.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the roaming loop is told at start: who we are, which peers we want, where the coordinator
 * is (already resolved), and what the config fixed.
 *
 * @param keepalive the persistent keepalive given to peers whose config sets none, so that NAT
 *     mappings stay open both ways
 * @param pathTimeout how long a newly chosen path may go without a handshake before the next
 *     one is tried (WireGuard retries a handshake every 5 s)
 * @param ownsPeers whether the daemon configured the peers from its config file (so it may
 *     re-create one to restart its handshake); false with {@code --no-config}
 */
public record RoamingSettings(
        String interfaceName,
        KeyPair identity,
        List<Peer> peers,
        Endpoint coordinator,
        Optional<Integer> listenPort,
        boolean natTraversal,
        Duration keepalive,
        Duration pathTimeout,
        boolean ownsPeers) {

    public RoamingSettings {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(identity, "identity");
        peers = List.copyOf(peers);
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(listenPort, "listenPort");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(pathTimeout, "pathTimeout");
    }
}
