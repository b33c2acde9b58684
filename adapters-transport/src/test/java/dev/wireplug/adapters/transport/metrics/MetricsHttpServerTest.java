package dev.wireplug.adapters.transport.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.CoordinatorMetrics.Counter;
import dev.wireplug.application.port.out.CoordinatorMetrics.Gauge;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {
    /** A sample line of the text format: a metric name, a space, an integer. */
    private static final Pattern SAMPLE = Pattern.compile("^[a-z_]+ -?\\d+$");

    @Test
    void rendersEveryCounterAndTheRegisteredGaugesInTheTextFormat() {
        PrometheusCoordinatorMetrics metrics = new PrometheusCoordinatorMetrics();
        AtomicLong handshakes = new AtomicLong(40);
        metrics.count(Counter.HANDSHAKES, handshakes::get);
        metrics.add(Counter.HANDSHAKES, 2);
        metrics.increment(Counter.STORE_ERRORS);
        metrics.gauge(Gauge.SESSIONS, () -> 7);
        handshakes.set(41);
        String text = metrics.render();
        assertTrue(text.contains("# TYPE wpcod_handshakes_total counter\nwpcod_handshakes_total 43\n"), text);
        assertTrue(text.contains("wpcod_store_errors_total 1\n"), text);
        assertTrue(text.contains("wpcod_relay_bytes_total 0\n"), text);
        assertTrue(text.contains("# TYPE wpcod_sessions gauge\nwpcod_sessions 7\n"), text);
        assertTrue(!text.contains("wpcod_store_up"), "an unmeasured gauge is left out: " + text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches(), line);
        }
    }

    @Test
    void servesMetricsOverHttpAndNothingElse() throws Exception {
        PrometheusCoordinatorMetrics metrics = new PrometheusCoordinatorMetrics();
        metrics.add(Counter.ANNOUNCEMENTS, 5);
        try (MetricsHttpServer.Listening listening = new MetricsHttpServer(metrics)
                .start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + listening.address().getPort();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals(MetricsHttpServer.CONTENT_TYPE, ok.headers().firstValue("Content-Type").orElse(""));
            assertTrue(ok.body().contains("wpcod_announcements_total 5\n"), ok.body());
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, other.statusCode());
        }
    }
}
