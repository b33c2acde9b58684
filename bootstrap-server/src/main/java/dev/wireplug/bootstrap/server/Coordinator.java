package dev.wireplug.bootstrap.server;

import dev.wireplug.adapters.transport.metrics.MetricsHttpServer;
import dev.wireplug.adapters.transport.netty.CoordinatorServer;
import dev.wireplug.adapters.transport.relay.RelayPlaneSettings;
import dev.wireplug.adapters.transport.server.CoordinatorProtocol;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.port.in.RendezvousUseCase;
import dev.wireplug.application.port.out.CoordinatorMetrics;
import dev.wireplug.application.port.out.CoordinatorMetrics.Counter;
import dev.wireplug.application.port.out.CoordinatorMetrics.Gauge;
import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RendezvousStore;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Builds the running coordinator from its settings: the one place that knows the server's parts. */
final class Coordinator {
    private static final System.Logger LOG = System.getLogger("dev.wireplug.wpcod");
    /** How long a record lives without being refreshed; clients refresh it with their keepalives. */
    static final Duration RECORD_TTL = Duration.ofSeconds(90);

    private Coordinator() {}

    /** The running parts, closed in the reverse order of their start. */
    record Running(CoordinatorServer server, List<AutoCloseable> parts) implements AutoCloseable {
        @Override
        public void close() {
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "event=close-error error={0}", e.toString());
                }
            }
        }
    }

    static Running start(ServerComponent wired, ServerConfig config, KeyPair key) throws IOException {
        List<AutoCloseable> parts = new ArrayList<>();
        RendezvousStore store;
        try {
            store = wired.stores().create(config.store()).rendezvousStore();
        } catch (IllegalArgumentException e) {
            throw new IOException("Store = " + config.store() + ": " + e.getMessage(), e);
        }
        if (store instanceof AutoCloseable closeable) {
            parts.add(closeable);
        }
        Function<PeerNotifier, RendezvousUseCase> plain =
                notifier -> new RendezvousService(store, notifier, wired.clock(), RECORD_TTL);
        Optional<RelayDataPlane> plane;
        try {
            plane = relayPlane(config);
        } catch (IOException e) {
            closeAll(parts);
            throw e;
        }
        plane.filter(AutoCloseable.class::isInstance).map(AutoCloseable.class::cast).ifPresent(parts::add);
        Optional<RelayAllocationService> relay = plane.map(p -> new RelayAllocationService(p, wired.clock(),
                new RelayPolicy(RelayPolicy.DEFAULT_DIRECT_FAILURE_GRACE), RelayIdlePolicy.DEFAULT,
                RelayLimits.PER_ALLOCATION_DEFAULT));
        Function<PeerNotifier, RendezvousUseCase> rendezvous = relay.<Function<PeerNotifier, RendezvousUseCase>>map(
                allocations -> notifier -> new RelayingRendezvous(plain, store, allocations, notifier, wired.clock(),
                        config.listen().address()))
                .orElse(plain);
        CoordinatorServer server = new CoordinatorServer(key, rendezvous, wired.clock(), wired.random(),
                CoordinatorSettings.defaults());
        InetSocketAddress listen = new InetSocketAddress(config.listen().address(), config.listen().port());
        Optional<InetSocketAddress> alternate = config.alternateAddress()
                .map(address -> new InetSocketAddress(address, config.listen().port() + 1));
        if (alternate.isPresent() && listen.getAddress().isAnyLocalAddress()) {
            closeAll(parts);
            throw new IOException("--alternate-address needs --listen to name this host's primary address,"
                    + " not " + config.listen().address().getHostAddress());
        }
        try {
            server.start(new StunServer.Topology(listen, alternate));
        } catch (IOException e) {
            closeAll(parts);
            throw e;
        }
        parts.add(server);
        register(wired.metrics(), server, store, relay);
        if (config.metrics().isPresent()) {
            var at = config.metrics().get();
            try {
                MetricsHttpServer.Listening metrics = wired.metricsServer().start(new InetSocketAddress(at.host(), at.port()));
                parts.add(metrics);
                LOG.log(System.Logger.Level.INFO, "event=metrics-listening address={0}", metrics.address());
            } catch (IOException e) {
                closeAll(parts);
                throw new IOException("Metrics = " + at + ": cannot listen: " + e.getMessage(), e);
            }
        }
        return new Running(server, parts);
    }

    /** The transport keeps its own tallies; the metrics read them at scrape time. */
    private static void register(CoordinatorMetrics metrics, CoordinatorServer server, RendezvousStore store,
            Optional<RelayAllocationService> relay) {
        CoordinatorProtocol.Counters counters = server.counters();
        metrics.count(Counter.HANDSHAKES, counters.handshakes::get);
        metrics.count(Counter.ANNOUNCEMENTS, counters.announcements::get);
        metrics.count(Counter.PUSHES, counters.pushes::get);
        metrics.count(Counter.STUN_REQUESTS, server::stunAnswers);
        metrics.gauge(Gauge.SESSIONS, server::sessionCount);
        metrics.gauge(Gauge.RECORDS, store::size);
        relay.ifPresent(allocations -> {
            metrics.count(Counter.RELAY_ALLOCATIONS, allocations::granted);
            metrics.count(Counter.RELAY_BYTES, allocations::forwardedBytes);
            metrics.gauge(Gauge.RELAY_ALLOCATIONS_ACTIVE, allocations::active);
        });
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
        if (!config.store().equals("memory")) {
            // Each instance's allocations live in its own data plane and are not yet written to the
            // shared store: two instances would each give their client a different relay port.
            LOG.log(System.Logger.Level.WARNING, "event=relay_off reason=\"the relay is not shared across instances"
                    + " yet; with Store = redis it stays off\"");
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

    private static void closeAll(List<AutoCloseable> parts) {
        new Running(null, parts).close();
    }
}
