package dev.wireplug.domain.relay;

import dev.wireplug.domain.key.PublicKey;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One side of an allocation as the relay expects it: the peer's WireGuard public key and the
 * public address it announced to the coordinator. Only the address is known in advance; the port
 * its NAT uses towards the relay is learned from its first handshake initiation.
 */
public record RelayPeer(PublicKey key, InetAddress publicAddress) {
    public RelayPeer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(publicAddress, "publicAddress");
    }
}
