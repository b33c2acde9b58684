package dev.wireplug.adapters.wireguard.jna.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A netlink socket (socket(AF_NETLINK, SOCK_RAW, protocol)) bound to a kernel-assigned port id
 * and, for rtnetlink monitors, to multicast groups. Plain byte arrays in and out; framing is the
 * codecs' job. Not thread-safe: one user at a time.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Enough for any netlink message the kernel sends in one go (it uses up to 32 KiB per skb). */
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final int fd;
    private final int portId;
    private final byte[] receiveBuffer = new byte[RECEIVE_BUFFER];
    private boolean closed;

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /**
     * Opens and binds a socket of the given netlink protocol, joined to {@code groups} (a bit mask
     * of RTMGRP_* for NETLINK_ROUTE, 0 otherwise), with a receive timeout.
     */
    public static NetlinkSocket open(int protocol, int groups, Duration receiveTimeout) throws IOException {
        LibC c = LibC.INSTANCE;
        int fd;
        try {
            fd = c.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw new IOException("socket(AF_NETLINK, SOCK_RAW, " + protocol + "): " + describe(e), e);
        }
        try {
            c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, new Timeval(Math.max(1, receiveTimeout.toMillis())),
                    new Timeval().size());
            c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, new int[] {1 << 20}, 4);
            SockaddrNl local = new SockaddrNl(0, groups);
            c.bind(fd, local, local.size());
            SockaddrNl bound = new SockaddrNl();
            int[] length = {bound.size()};
            c.getsockname(fd, bound, length);
            bound.read();
            return new NetlinkSocket(fd, bound.nl_pid);
        } catch (LastErrorException e) {
            c.close(fd);
            throw new IOException("cannot set up netlink socket: " + describe(e), e);
        }
    }

    /** The port id the kernel gave this socket; answers to our requests carry it. */
    public int portId() {
        return portId;
    }

    /** Sends one request to the kernel (port id 0). */
    public void send(byte[] message) throws IOException {
        SockaddrNl kernel = new SockaddrNl(0, 0);
        try {
            long sent = LibC.INSTANCE.sendto(fd, message, message.length, 0, kernel, kernel.size());
            if (sent != message.length) {
                throw new IOException("netlink sendto wrote " + sent + " of " + message.length + " bytes");
            }
        } catch (LastErrorException e) {
            throw new IOException("netlink sendto: " + describe(e), e);
        }
    }

    /**
     * Receives one datagram (one or more messages). Throws {@link java.net.SocketTimeoutException}
     * when nothing came within the receive timeout.
     */
    public byte[] receive() throws IOException {
        while (true) {
            try {
                long n = LibC.INSTANCE.recv(fd, receiveBuffer, receiveBuffer.length, 0);
                return Arrays.copyOf(receiveBuffer, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                if (e.getErrorCode() == LibC.EAGAIN) {
                    throw new java.net.SocketTimeoutException("no netlink message within the receive timeout");
                }
                if (e.getErrorCode() == LibC.ENOBUFS) {
                    throw new NetlinkOverrunException("netlink receive queue overran: events were lost");
                }
                throw new IOException("netlink recv: " + describe(e), e);
            }
        }
    }

    private static String describe(LastErrorException e) {
        return "errno " + e.getErrorCode() + " (" + e.getMessage() + ")";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException ignored) {
                // Nothing useful to do: the descriptor is gone either way.
            }
        }
    }

    /** The kernel dropped multicast messages because we read too slowly (ENOBUFS). */
    public static final class NetlinkOverrunException extends IOException {
        private static final long serialVersionUID = 1L;

        NetlinkOverrunException(String message) {
            super(message);
        }
    }
}
