package dev.wireplug.adapters.transport.server;

import java.net.InetSocketAddress;

/** Where the protocol's answers go: a datagram to {@code to}, sent from the local socket {@code from}. */
@FunctionalInterface
public interface Outbox {
    void send(byte[] datagram, InetSocketAddress to, InetSocketAddress from);
}
