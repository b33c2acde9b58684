package dev.wireplug.adapters.transport.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import javax.inject.Inject;

/**
 * The optional metrics listener ({@code Metrics = 127.0.0.1:9108}): {@code GET /metrics} answers
 * the Prometheus text format, anything else 404. The JDK's own HTTP server on one thread: a scrape
 * every few seconds needs nothing more.
 */
public final class MetricsHttpServer {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusCoordinatorMetrics metrics;

    @Inject
    MetricsHttpServer(PrometheusCoordinatorMetrics metrics) {
        this.metrics = metrics;
    }

    /** Binds {@code address} and serves until the returned handle is closed. */
    public Listening start(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return new Listening(server.getAddress(), server);
    }

    /** A running listener: where it is bound (port 0 resolved), and how to stop it. */
    public record Listening(InetSocketAddress address, HttpServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")
                    || !(exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD"))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = metrics.render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
