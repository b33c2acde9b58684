package dev.wireplug.adapters.nat.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A UDP socket connected to one server: the kernel then drops datagrams from anyone else, and an
 * ICMP port unreachable comes back as an immediate error instead of a timeout ("not here").
 */
public final class UdpClient implements AutoCloseable {
    /** Decides whether a datagram answers the request; empty = ignore it and keep waiting. */
    @FunctionalInterface
    public interface ReplyFilter<T> {
        Optional<T> accept(byte[] data);
    }

    /** How an exchange ended. */
    public sealed interface Result<T> {
        record Reply<T>(T value, int sends) implements Result<T> {}

        record Unreachable<T>() implements Result<T> {}

        record TimedOut<T>(int sends) implements Result<T> {}
    }

    private final DatagramSocket socket;

    private UdpClient(DatagramSocket socket) {
        this.socket = socket;
    }

    public static UdpClient connect(InetSocketAddress server) throws IOException {
        DatagramSocket s = new DatagramSocket();
        try {
            s.connect(server);
        } catch (RuntimeException e) {
            s.close();
            throw new IOException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
        return new UdpClient(s);
    }

    /** The source address the kernel chose for the server (what PCP must put in its header). */
    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    public <T> Result<T> exchange(byte[] request, RetransmitSchedule schedule, ReplyFilter<T> filter) throws IOException {
        long start = System.nanoTime();
        long deadline = start + schedule.deadline().toNanos();
        long wait = schedule.initial().toNanos();
        byte[] buffer = new byte[1500];
        int sends = 0;
        while (sends < schedule.maxSends() && System.nanoTime() < deadline) {
            try {
                socket.send(new DatagramPacket(request, request.length));
            } catch (PortUnreachableException e) {
                return new Result.Unreachable<>();
            }
            sends++;
            long resendAt = Math.min(System.nanoTime() + wait, deadline);
            wait *= 2;
            while (true) {
                long left = resendAt - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                } catch (PortUnreachableException e) {
                    return new Result.Unreachable<>();
                }
                Optional<T> accepted = filter.accept(Arrays.copyOf(p.getData(), p.getLength()));
                if (accepted.isPresent()) {
                    return new Result.Reply<>(accepted.get(), sends);
                }
            }
        }
        return new Result.TimedOut<>(sends);
    }

    @Override
    public void close() {
        socket.close();
    }
}
