package dev.wireplug.adapters.wireguard.bsd;

import java.util.concurrent.ThreadFactory;

/** The routing socket reader runs on a daemon thread, so it never keeps the JVM alive. */
public final class MonitorThreads {
    private MonitorThreads() {}

    public static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
