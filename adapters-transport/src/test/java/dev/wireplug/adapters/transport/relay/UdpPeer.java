package dev.wireplug.adapters.transport.relay;

import dev.wireplug.domain.net.IpAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;

/** A plain blocking UDP socket on a loopback address, standing in for a WireGuard peer. */
final class UdpPeer implements AutoCloseable {
    record Received(InetSocketAddress from, byte[] payload) {}

    private final DatagramSocket socket;

    UdpPeer(String address) {
        this(address, 0);
    }

    UdpPeer(String address, int port) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(IpAddresses.parse(address), port));
            socket.setReceiveBufferSize(4 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(byte[] payload, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length, to));
    }

    /** The next datagram within {@code timeoutMillis}, or empty. */
    Optional<Received> receive(int timeoutMillis) throws IOException {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(new Received((InetSocketAddress) packet.getSocketAddress(),
                Arrays.copyOf(buffer, packet.getLength())));
    }

    @Override
    public void close() {
        socket.close();
    }
}
