package dev.wireplug.adapters.transport.metrics;

import dev.wireplug.application.port.out.CoordinatorMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Totals and gauges rendered in the Prometheus text exposition format (version 0.0.4): a
 * {@code # HELP} and {@code # TYPE} line and one sample per metric, no labels. Every counter is
 * always present (0 until something happens), so dashboards need no special case.
 */
@Singleton
final class PrometheusCoordinatorMetrics implements CoordinatorMetrics {
    private final Map<Counter, LongAdder> totals = new EnumMap<>(Counter.class);
    private final Map<Counter, List<LongSupplier>> counted = new EnumMap<>(Counter.class);
    private final Map<Gauge, List<LongSupplier>> gauges = new EnumMap<>(Gauge.class);

    @Inject
    PrometheusCoordinatorMetrics() {
        for (Counter counter : Counter.values()) {
            totals.put(counter, new LongAdder());
            counted.put(counter, new ArrayList<>());
        }
        for (Gauge gauge : Gauge.values()) {
            gauges.put(gauge, new ArrayList<>());
        }
    }

    @Override
    public void add(Counter counter, long delta) {
        totals.get(counter).add(delta);
    }

    @Override
    public synchronized void count(Counter counter, LongSupplier total) {
        counted.get(counter).add(total);
    }

    @Override
    public synchronized void gauge(Gauge gauge, LongSupplier value) {
        gauges.get(gauge).add(value);
    }

    /** The scrape body. */
    synchronized String render() {
        StringBuilder text = new StringBuilder(2048);
        for (Counter counter : Counter.values()) {
            long value = totals.get(counter).sum();
            for (LongSupplier supplier : counted.get(counter)) {
                value += supplier.getAsLong();
            }
            sample(text, counter.metricName(), counter.help(), "counter", value);
        }
        for (Gauge gauge : Gauge.values()) {
            List<LongSupplier> suppliers = gauges.get(gauge);
            if (suppliers.isEmpty()) {
                continue; // not measured by this configuration (no store outage gauge with the memory store)
            }
            long value = 0;
            for (LongSupplier supplier : suppliers) {
                value += supplier.getAsLong();
            }
            sample(text, gauge.metricName(), gauge.help(), "gauge", value);
        }
        return text.toString();
    }

    private static void sample(StringBuilder text, String name, String help, String type, long value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        text.append(name).append(' ').append(value).append('\n');
    }
}
