package dev.wireplug.application.logging;

import java.util.logging.LogManager;

/**
 * A LogManager that keeps its handlers while the JVM shuts down.
 *
 * <p>The JDK's LogManager registers its own shutdown hook that resets logging (removing every
 * handler), and shutdown hooks run concurrently: a daemon's last lines on SIGTERM ("stopping",
 * the port mapping it deleted) were lost or not, at random. This manager ignores the reset once
 * shutdown has begun; the program's own hook writes its lines and the JVM then exits. Our only
 * handler writes to stderr and flushes every line, so nothing is left to close.
 */
public final class ShutdownLogManager extends LogManager {
    public ShutdownLogManager() {
        super();
    }

    @Override
    public void reset() {
        if (shuttingDown()) {
            return;
        }
        super.reset();
    }

    /** The JVM refuses new shutdown hooks once shutdown has begun; that is the only public sign of it. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { }, "shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
