package dev.wireplug.application.port.out;

import java.time.Duration;

/** Runs work later or in the background; injected so services are tested with a manual clock. */
public interface Scheduler {
    /** Runs {@code task} once after {@code delay}; the handle cancels it if it has not run. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} soon, on another thread where the implementation has one. */
    void execute(Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
