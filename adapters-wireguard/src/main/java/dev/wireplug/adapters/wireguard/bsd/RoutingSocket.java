package dev.wireplug.adapters.wireguard.bsd;

import java.io.IOException;

/**
 * A PF_ROUTE socket ({@code socket(PF_ROUTE, SOCK_RAW, AF_UNSPEC)}): every routing message the
 * kernel emits can be read from it, one message per read, and RTM_GET requests written to it.
 */
public interface RoutingSocket extends AutoCloseable {
    /** Waits at most {@code timeoutMillis} for a message; returns its length, or 0 if none came. */
    int read(byte[] buffer, int timeoutMillis) throws IOException;

    void write(byte[] message) throws IOException;

    @Override
    void close();

    /** Opens a routing socket; the JNA implementation per system lives in its jna package. */
    @FunctionalInterface
    interface Opener {
        RoutingSocket open() throws IOException;
    }
}
