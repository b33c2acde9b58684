package dev.wireplug.lab;

import java.time.Duration;

/** A {@code ping -D -i INTERVAL} running in the background, for measuring outages across an event. */
public final class Pinger implements AutoCloseable {

    private final LabProcess ping;

    Pinger(LabProcess ping) {
        this.ping = ping;
    }

    /** The ping process (its log holds the output; ping writes to a file in blocks, so read it after {@link #stop()}). */
    public LabProcess process() {
        return ping;
    }

    /** Stops ping with SIGINT (it flushes its output) and returns every reply it saw. */
    public PingSeries stop() {
        ping.interrupt(Duration.ofSeconds(3));
        return PingSeries.parse(ping.logText());
    }

    @Override
    public void close() {
        ping.interrupt(Duration.ofSeconds(3));
    }
}
