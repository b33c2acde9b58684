package dev.wireplug.bootstrap.server;

import dev.wireplug.adapters.transport.netty.CoordinatorServer;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.config.ServerConfig;
import dev.wireplug.domain.key.KeyPair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/** Builds the running coordinator from its settings: the one place that knows the server's parts. */
final class Coordinator {
    /** How long a record lives without being refreshed; clients refresh it with their keepalives. */
    static final Duration RECORD_TTL = Duration.ofSeconds(90);

    private Coordinator() {}

    static CoordinatorServer start(ServerComponent wired, ServerConfig config, KeyPair key) throws IOException {
        if (!config.store().equals("memory")) {
            throw new IOException("Store = " + config.store() + ": only the in-memory store is available in this"
                    + " build (Redis support is tracked in the project's issues)");
        }
        CoordinatorServer server = new CoordinatorServer(key,
                notifier -> new RendezvousService(wired.rendezvousStore(), notifier, wired.clock(), RECORD_TTL),
                wired.clock(), wired.random(), CoordinatorSettings.defaults());
        InetSocketAddress listen = new InetSocketAddress(config.listen().address(), config.listen().port());
        Optional<InetSocketAddress> alternate = config.alternateAddress()
                .map(address -> new InetSocketAddress(address, config.listen().port() + 1));
        if (alternate.isPresent() && listen.getAddress().isAnyLocalAddress()) {
            throw new IOException("--alternate-address needs --listen to name this host's primary address,"
                    + " not " + config.listen().address().getHostAddress());
        }
        server.start(new StunServer.Topology(listen, alternate));
        return server;
    }
}
