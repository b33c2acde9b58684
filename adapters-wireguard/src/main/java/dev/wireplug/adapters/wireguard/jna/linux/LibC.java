package dev.wireplug.adapters.wireguard.jna.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/** The few libc calls a netlink socket needs (sys/socket.h, unistd.h), Linux values. */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;
    int NETLINK_GENERIC = 16;
    int SOL_SOCKET = 1;
    int SO_RCVBUF = 8;
    /** SO_RCVTIMEO on x86, arm and most Linux architectures (asm-generic/socket.h), with a 64-bit timeval. */
    int SO_RCVTIMEO = 20;
    int SOL_NETLINK = 270;
    /** Kernel answers with extended ACK (error messages); harmless if unsupported. */
    int NETLINK_EXT_ACK = 11;
    int EAGAIN = 11;
    int EINTR = 4;
    int ENOBUFS = 105;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, Structure address, int length) throws LastErrorException;

    int getsockname(int fd, Structure address, int[] length) throws LastErrorException;

    int setsockopt(int fd, int level, int name, Structure value, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int name, int[] value, int length) throws LastErrorException;

    long sendto(int fd, byte[] buffer, long length, int flags, Structure address, int addressLength)
            throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** net/if.h: the index of an interface, 0 when there is none (the JDK only finds interfaces with addresses). */
    int if_nametoindex(String name);
}
