package dev.wireplug.domain.device;

import dev.wireplug.domain.key.PrivateKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything to change on a device in one request, applied atomically where the platform allows.
 * {@code replacePeers} removes every peer not listed.
 */
public record DeviceChange(
        Optional<PrivateKey> privateKey,
        OptionalInt listenPort,
        OptionalInt fwmark,
        boolean replacePeers,
        List<PeerChange> peers) {

    public DeviceChange {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(listenPort, "listenPort");
        Objects.requireNonNull(fwmark, "fwmark");
        peers = List.copyOf(peers);
    }

    public static DeviceChange peersOnly(List<PeerChange> peers) {
        return new DeviceChange(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), false, peers);
    }
}
