package dev.wireplug.adapters.wireguard.jna.freebsd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The libc calls the FreeBSD WireGuard ioctls need (sys/sys/ioctl.h, sys/sys/socket.h,
 * unistd.h), direct-mapped. The library is bound on first use only, so loading the adapter on
 * another OS costs nothing.
 */
public final class LibC {
    private LibC() {}

    private static final class Bound {
        static {
            Native.register(Bound.class, "c");
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int ioctl(int fd, NativeLong request, Pointer argp) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;

        static native NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

        static native NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

        static native int poll(Pointer fds, int nfds, int timeout) throws LastErrorException;
    }

    public static int socket(int domain, int type, int protocol) {
        return Bound.socket(domain, type, protocol);
    }

    /** {@code int ioctl(int d, unsigned long request, ...)}: the request is an unsigned long. */
    public static int ioctl(int fd, long request, Pointer argp) {
        return Bound.ioctl(fd, new NativeLong(request), argp);
    }

    public static int close(int fd) {
        return Bound.close(fd);
    }

    /** {@code ssize_t read(int, void *, size_t)}. */
    public static long read(int fd, byte[] buffer, int count) {
        return Bound.read(fd, buffer, new NativeLong(count)).longValue();
    }

    /** {@code ssize_t write(int, const void *, size_t)}. */
    public static long write(int fd, byte[] buffer, int count) {
        return Bound.write(fd, buffer, new NativeLong(count)).longValue();
    }

    /** {@code int poll(struct pollfd *, nfds_t, int)}; nfds_t is an unsigned int. */
    public static int poll(Pointer fds, int nfds, int timeoutMillis) {
        return Bound.poll(fds, nfds, timeoutMillis);
    }
}
