package dev.wireplug.bootstrap.server;

import dev.wireplug.adapters.transport.netty.CoordinatorServer;
import dev.wireplug.adapters.transport.relay.RelayPlaneSettings;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.port.in.RendezvousUseCase;
import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.relay.RelayAllocationService;
import dev.wireplug.application.relay.RelayingRendezvous;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.config.ServerConfig;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.relay.RelayIdlePolicy;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Builds the running coordinator from its settings: the one place that knows the server's parts. */
final class Coordinator {
    private static final System.Logger LOG = System.getLogger("dev.wireplug.wpcod");
    /** How long a record lives without being refreshed; clients refresh it with their keepalives. */
    static final Duration RECORD_TTL = Duration.ofSeconds(90);

    /** The server and, when relaying, its data plane: closed together. */
    record Running(CoordinatorServer server, Optional<RelayDataPlane> relay) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            relay.ifPresent(plane -> {
                if (plane instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        LOG.log(System.Logger.Level.WARNING, "event=relay_close_failed error=\"{0}\"", e.getMessage());
                    }
                }
            });
        }
    }

    private Coordinator() {}

    static Running start(ServerComponent wired, ServerConfig config, KeyPair key) throws IOException {
        if (!config.store().equals("memory")) {
            throw new IOException("Store = " + config.store() + ": only the in-memory store is available in this"
                    + " build (Redis support is tracked in the project's issues)");
        }
        Function<PeerNotifier, RendezvousUseCase> plain =
                notifier -> new RendezvousService(wired.rendezvousStore(), notifier, wired.clock(), RECORD_TTL);
        Optional<RelayDataPlane> relay = relayPlane(config);
        Function<PeerNotifier, RendezvousUseCase> rendezvous = relay.<Function<PeerNotifier, RendezvousUseCase>>map(
                plane -> notifier -> new RelayingRendezvous(plain, wired.rendezvousStore(),
                        new RelayAllocationService(plane, wired.clock(),
                                new RelayPolicy(RelayPolicy.DEFAULT_DIRECT_FAILURE_GRACE), RelayIdlePolicy.DEFAULT,
                                RelayLimits.PER_ALLOCATION_DEFAULT),
                        notifier, wired.clock(), config.listen().address()))
                .orElse(plain);
        CoordinatorServer server = new CoordinatorServer(key, rendezvous, wired.clock(), wired.random(),
                CoordinatorSettings.defaults());
        Running running = new Running(server, relay);
        InetSocketAddress listen = new InetSocketAddress(config.listen().address(), config.listen().port());
        Optional<InetSocketAddress> alternate = config.alternateAddress()
                .map(address -> new InetSocketAddress(address, config.listen().port() + 1));
        if (alternate.isPresent() && listen.getAddress().isAnyLocalAddress()) {
            running.close();
            throw new IOException("--alternate-address needs --listen to name this host's primary address,"
                    + " not " + config.listen().address().getHostAddress());
        }
        try {
            server.start(new StunServer.Topology(listen, alternate));
        } catch (IOException e) {
            running.close();
            throw e;
        }
        return running;
    }

    /**
     * The relay's data plane when the config turns it on. Peers are told the listen address as the
     * relay's, so it must name one: with a wildcard listen address the relay stays off (and says so).
     */
    private static Optional<RelayDataPlane> relayPlane(ServerConfig config) throws IOException {
        if (!config.relay()) {
            LOG.log(System.Logger.Level.INFO, "event=relay_off reason=config");
            return Optional.empty();
        }
        InetAddress address = config.listen().address();
        if (address.isAnyLocalAddress()) {
            LOG.log(System.Logger.Level.WARNING, "event=relay_off reason=\"Listen is a wildcard address; name this"
                    + " host's public address in Listen to relay\"");
            return Optional.empty();
        }
        RelayPlaneSettings.Kind kind = RelayPlaneSettings.Kind.valueOf(config.relayDataPlane().toUpperCase(Locale.ROOT));
        RelayPlaneSettings settings = new RelayPlaneSettings(kind, address, RelayLimits.GLOBAL_DEFAULT, 1);
        try {
            RelayDataPlane plane = DaggerRelayComponent.factory().create(settings).relayDataPlane();
            LOG.log(System.Logger.Level.INFO, "event=relay_on data_plane={0}", config.relayDataPlane());
            return Optional.of(plane);
        } catch (RuntimeException e) {
            throw new IOException("RelayDataPlane = " + config.relayDataPlane() + ": " + e.getMessage(), e);
        }
    }
}
