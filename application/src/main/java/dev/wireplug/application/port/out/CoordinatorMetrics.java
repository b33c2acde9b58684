package dev.wireplug.application.port.out;

import java.util.function.LongSupplier;

/**
 * What wpcod counts for its operators (exported in the Prometheus text format when a metrics
 * listener is configured). Totals only: never a key, never an address.
 */
public interface CoordinatorMetrics {

    /** Monotonic totals. */
    enum Counter {
        HANDSHAKES("wpcod_handshakes_total", "Noise handshakes answered"),
        ANNOUNCEMENTS("wpcod_announcements_total", "Announcements applied"),
        PUSHES("wpcod_pushes_total", "Peer views pushed to a session of this instance"),
        STUN_REQUESTS("wpcod_stun_requests_total", "STUN binding requests answered"),
        RELAY_ALLOCATIONS("wpcod_relay_allocations_total", "Relay allocations granted"),
        RELAY_BYTES("wpcod_relay_bytes_total", "Bytes forwarded by the relay"),
        STORE_ERRORS("wpcod_store_errors_total", "Store operations that failed or timed out");

        private final String metricName;
        private final String help;

        Counter(String metricName, String help) {
            this.metricName = metricName;
            this.help = help;
        }

        public String metricName() {
            return metricName;
        }

        public String help() {
            return help;
        }
    }

    /** Values that go up and down. */
    enum Gauge {
        SESSIONS("wpcod_sessions", "Client sessions held by this instance"),
        RECORDS("wpcod_records", "Peer records held by this instance"),
        RELAY_ALLOCATIONS_ACTIVE("wpcod_relay_allocations", "Relay allocations currently held"),
        STORE_UP("wpcod_store_up", "1 while the store answers, 0 during an outage");

        private final String metricName;
        private final String help;

        Gauge(String metricName, String help) {
            this.metricName = metricName;
            this.help = help;
        }

        public String metricName() {
            return metricName;
        }

        public String help() {
            return help;
        }
    }

    /** Adds to a total kept here. */
    void add(Counter counter, long delta);

    default void increment(Counter counter) {
        add(counter, 1);
    }

    /** A total kept elsewhere (a transport's own tally), read when the metrics are scraped. */
    void count(Counter counter, LongSupplier total);

    /** A current value, read when the metrics are scraped. */
    void gauge(Gauge gauge, LongSupplier value);
}
