package dev.wireplug.bootstrap.server;

import dev.wireplug.adapters.transport.metrics.MetricsHttpServer;
import dev.wireplug.adapters.transport.netty.CoordinatorServer;
import dev.wireplug.adapters.transport.server.CoordinatorProtocol;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.port.out.CoordinatorMetrics;
import dev.wireplug.application.port.out.CoordinatorMetrics.Counter;
import dev.wireplug.application.port.out.CoordinatorMetrics.Gauge;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.config.ServerConfig;
import dev.wireplug.domain.key.KeyPair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        CoordinatorServer server = new CoordinatorServer(key,
                notifier -> new RendezvousService(store, notifier, wired.clock(), RECORD_TTL),
                wired.clock(), wired.random(), CoordinatorSettings.defaults());
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
        register(wired.metrics(), server, store);
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
    private static void register(CoordinatorMetrics metrics, CoordinatorServer server, RendezvousStore store) {
        CoordinatorProtocol.Counters counters = server.counters();
        metrics.count(Counter.HANDSHAKES, counters.handshakes::get);
        metrics.count(Counter.ANNOUNCEMENTS, counters.announcements::get);
        metrics.count(Counter.PUSHES, counters.pushes::get);
        metrics.count(Counter.STUN_REQUESTS, server::stunAnswers);
        metrics.gauge(Gauge.SESSIONS, server::sessionCount);
        metrics.gauge(Gauge.RECORDS, store::size);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        new Running(null, parts).close();
    }
}
