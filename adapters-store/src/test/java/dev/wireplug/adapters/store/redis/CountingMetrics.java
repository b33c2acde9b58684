package dev.wireplug.adapters.store.redis;

import dev.wireplug.application.port.out.CoordinatorMetrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Metrics a test can read back. */
final class CountingMetrics implements CoordinatorMetrics {
    private final Map<Counter, AtomicLong> totals = new EnumMap<>(Counter.class);
    private final Map<Gauge, LongSupplier> gauges = new EnumMap<>(Gauge.class);

    CountingMetrics() {
        for (Counter counter : Counter.values()) {
            totals.put(counter, new AtomicLong());
        }
    }

    @Override
    public void add(Counter counter, long delta) {
        totals.get(counter).addAndGet(delta);
    }

    @Override
    public void count(Counter counter, LongSupplier total) {
        throw new UnsupportedOperationException("the store keeps no totals of its own");
    }

    @Override
    public synchronized void gauge(Gauge gauge, LongSupplier value) {
        gauges.put(gauge, value);
    }

    long total(Counter counter) {
        return totals.get(counter).get();
    }

    synchronized long gauge(Gauge gauge) {
        return gauges.get(gauge).getAsLong();
    }
}
