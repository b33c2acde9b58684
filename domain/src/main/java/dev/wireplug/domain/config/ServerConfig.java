package dev.wireplug.domain.config;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * wpcod's settings, from {@code /etc/wpcod.conf} and the command line (whose flags carry the
 * same names: {@code Listen} is {@code --listen}).
 *
 * @param store {@code memory} or a {@code redis://} URL
 * @param relayDataPlane {@code netty} (portable) or {@code nftables} (Linux, in-kernel)
 */
public record ServerConfig(
        Endpoint listen,
        Optional<InetAddress> alternateAddress,
        Path keyFile,
        String store,
        Optional<HostPort> metrics,
        boolean relay,
        String relayDataPlane) {

    public static final int DEFAULT_PORT = 3478;
    public static final Path DEFAULT_KEY_FILE = Path.of("/var/lib/wpcod/private.key");

    public ServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(alternateAddress, "alternateAddress");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(relayDataPlane, "relayDataPlane");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(Endpoint.parse("0.0.0.0:" + DEFAULT_PORT), Optional.empty(), DEFAULT_KEY_FILE,
                "memory", Optional.empty(), true, "netty");
    }
}
