package dev.wireplug.bootstrap.client;

import dev.wireplug.application.port.out.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Scheduler} port on a small pool of daemon threads. Port-mapping probes block for up
 * to their time-outs and run in parallel (one per method), hence more than one thread.
 */
final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService executor;

    ExecutorScheduler(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return () -> {}; // stopping: nothing more runs
        }
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: nothing more runs
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
