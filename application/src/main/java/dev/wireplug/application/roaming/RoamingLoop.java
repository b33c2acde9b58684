package dev.wireplug.application.roaming;

import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.PeerView;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link RoamingService} on one thread: coordinator callbacks, network changes and the
 * periodic check are queued to it, so the service needs no locks and events never interleave.
 */
public final class RoamingLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RoamingLoop.class.getName());

    private final RoamingService service;
    private final NetworkMonitor monitor;
    private final CoordinatorClient coordinator;
    private final Duration tick;
    private final AtomicBoolean networkChangeQueued = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "roaming");
        thread.setDaemon(true);
        return thread;
    });

    public RoamingLoop(RoamingService service, NetworkMonitor monitor, CoordinatorClient coordinator, Duration tick) {
        this.service = service;
        this.monitor = monitor;
        this.coordinator = coordinator;
        this.tick = tick;
    }

    /** Starts everything; fails when the device cannot be read at all. */
    public void start() throws DeviceException {
        coordinator.start(new CoordinatorClient.Listener() {
            @Override
            public void peer(PeerView view) {
                submit(() -> service.onPeerView(view));
            }

            @Override
            public void observed(Endpoint endpoint) {
                submit(() -> service.onObserved(endpoint));
            }

            @Override
            public void announced() {
                submit(service::onAnnounced);
            }

            @Override
            public void problem(String text) {
                submit(() -> service.onProblem(text));
            }
        });
        try {
            executor.submit(() -> {
                service.start();
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while starting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeviceException device) {
                throw device;
            }
            throw new IllegalStateException(e.getCause());
        }
        monitor.start(change -> {
            // A roam is a burst of link, address and route events; the service reads the whole
            // network when it runs, so one queued run covers every event that arrives before it.
            if (networkChangeQueued.compareAndSet(false, true)) {
                submit(() -> {
                    networkChangeQueued.set(false);
                    service.onNetworkChange();
                });
            }
        });
        executor.scheduleWithFixedDelay(() -> guarded(service::tick), tick.toMillis(), tick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public RoamingService service() {
        return service;
    }

    private void submit(Runnable event) {
        if (!executor.isShutdown()) {
            executor.execute(() -> guarded(event));
        }
    }

    /** One bad event must not stop the loop. */
    private static void guarded(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "event=loop_error error=\"" + e + "\"", e);
        }
    }

    @Override
    public void close() {
        monitor.close();
        coordinator.close();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
