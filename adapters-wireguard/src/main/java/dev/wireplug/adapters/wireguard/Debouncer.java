package dev.wireplug.adapters.wireguard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gathers a burst of network changes (a DHCP renewal produces a dozen messages in a few
 * milliseconds) and delivers each distinct change once, in arrival order, {@code window} after the
 * first change of the burst: one delay for the whole burst, so the first change still arrives fast.
 */
final class Debouncer<T> implements AutoCloseable {
    private final Duration window;
    private final Consumer<T> sink;
    private final ScheduledExecutorService scheduler;
    private final Set<T> pending = new LinkedHashSet<>();
    private boolean scheduled;

    Debouncer(Duration window, Consumer<T> sink, String threadName) {
        this.window = window;
        this.sink = sink;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void offer(T change) {
        pending.add(change);
        if (!scheduled) {
            scheduled = true;
            scheduler.schedule(this::flush, window.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void flush() {
        List<T> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
            scheduled = false;
        }
        for (T change : batch) {
            try {
                sink.accept(change);
            } catch (RuntimeException e) {
                // A failing listener must not stop later changes from being delivered.
                System.err.println("event=network_listener_failed error=" + e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
