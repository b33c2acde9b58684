package dev.wireplug.adapters.wireguard.jna.darwin;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.wireplug.adapters.wireguard.bsd.RoutingSocket;
import java.io.IOException;

/**
 * A PF_ROUTE socket through libc: {@code socket(PF_ROUTE, SOCK_RAW, AF_UNSPEC)} (PF_ROUTE 17 and
 * SOCK_RAW 3 on OpenBSD, FreeBSD and macOS alike), reads bounded by poll(2) so the monitor can stop.
 * {@code struct pollfd { int fd; short events; short revents; }} is 8 bytes; POLLIN is 0x0001.
 */
public final class JnaRoutingSocket implements RoutingSocket {
    public static final int PF_ROUTE = 17;
    public static final int SOCK_RAW = 3;
    public static final int AF_UNSPEC = 0;
    public static final short POLLIN = 0x0001;

    private final int fd;
    private final Memory pollfd = new Memory(8);

    private JnaRoutingSocket(int fd) {
        this.fd = fd;
    }

    public static RoutingSocket open() throws IOException {
        try {
            return new JnaRoutingSocket(LibC.socket(PF_ROUTE, SOCK_RAW, AF_UNSPEC));
        } catch (LastErrorException e) {
            throw new IOException("socket(PF_ROUTE, SOCK_RAW, 0) failed: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        try {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, POLLIN);
            pollfd.setShort(6, (short) 0);
            if (LibC.poll(pollfd, 1, timeoutMillis) == 0) {
                return 0;
            }
            return (int) LibC.read(fd, buffer, buffer.length);
        } catch (LastErrorException e) {
            throw new IOException("reading the routing socket failed: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public void write(byte[] message) throws IOException {
        try {
            LibC.write(fd, message, message.length);
        } catch (LastErrorException e) {
            throw new IOException("writing to the routing socket failed: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public void close() {
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // Closing a routing socket can only fail if it is already closed.
        }
        pollfd.close();
    }
}
