package dev.wireplug.bootstrap.client;

import java.time.Duration;

/**
 * One full garbage collection once the daemon has settled after start-up. Start-up makes most of
 * the garbage a daemon ever makes, and the serial collector that a small daemon uses only gives
 * heap back to the system at a full collection, which an idle daemon never reaches by itself:
 * without this, the heap start-up grew to stays resident for the daemon's whole life. (The
 * launcher's -XX:MaxHeapFreeRatio says how far the heap shrinks then.)
 */
final class SettledCollection implements AutoCloseable {
    private final Thread waiter;

    private SettledCollection(Thread waiter) {
        this.waiter = waiter;
    }

    /** Runs {@code collect} (System::gc in the daemon) once, {@code after} from now, unless closed first. */
    static SettledCollection schedule(Duration after, Runnable collect) {
        Thread waiter = Thread.ofPlatform().name("settled-collection").daemon().unstarted(() -> {
            try {
                Thread.sleep(after);
            } catch (InterruptedException e) {
                return;
            }
            collect.run();
        });
        waiter.start();
        return new SettledCollection(waiter);
    }

    @Override
    public void close() {
        waiter.interrupt();
    }
}
