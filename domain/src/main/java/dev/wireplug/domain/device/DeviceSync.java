package dev.wireplug.domain.device;

import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.PeerSettings;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.InterfaceName;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.peer.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What to apply so a device matches a config file, like {@code wg syncconf} rather than
 * {@code wg setconf}: peers that stay are updated in place (their sessions survive), peers the
 * file no longer lists are removed, and settings the file leaves out get WireGuard's defaults.
 */
public final class DeviceSync {
    private DeviceSync() {}

    public static DeviceChange change(ClientConfig config, DeviceState current) {
        List<PeerChange> peers = new ArrayList<>();
        Set<PublicKey> wanted = new LinkedHashSet<>();
        for (PeerSettings settings : config.peers()) {
            Peer peer = settings.peer();
            wanted.add(peer.publicKey());
            // An endpoint the file does not give is left alone: the device may have learnt one
            // (roaming), and forgetting it would cut the peer off.
            peers.add(new PeerChange(peer.publicKey(), false, false, peer.endpoint(),
                    Optional.of(peer.persistentKeepalive().orElse(Duration.ZERO)),
                    Optional.of(peer.allowedIps())));
        }
        for (PeerState existing : current.peers()) {
            if (!wanted.contains(existing.publicKey())) {
                peers.add(PeerChange.removal(existing.publicKey()));
            }
        }
        OptionalInt port = config.interfaceSettings().listenPort();
        return new DeviceChange(Optional.of(config.interfaceSettings().privateKey()), port, OptionalInt.empty(), false,
                peers);
    }

    /** The interface around the device: the file's addresses and MTU, a route per allowed prefix. */
    public static InterfaceSetup interfaceSetup(InterfaceName name, ClientConfig config) {
        Set<IpPrefix> routes = new LinkedHashSet<>();
        for (PeerSettings settings : config.peers()) {
            for (IpPrefix allowed : settings.peer().allowedIps()) {
                routes.add(allowed.network());
            }
        }
        return new InterfaceSetup(name, config.interfaceSettings().addresses(), config.interfaceSettings().mtu(),
                List.copyOf(routes));
    }
}
