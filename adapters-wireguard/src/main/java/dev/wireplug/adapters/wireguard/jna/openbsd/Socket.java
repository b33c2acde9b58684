package dev.wireplug.adapters.wireguard.jna.openbsd;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** OpenBSD sys/sys/socket.h: the constants and the generic sockaddr. */
public final class Socket {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 24;
    public static final int SOCK_DGRAM = 2;

    private Socket() {}

    /** {@code struct sockaddr { u_int8_t sa_len; sa_family_t sa_family; char sa_data[14]; }}: 16 bytes. */
    @FieldOrder({"sa_len", "sa_family", "sa_data"})
    public static final class Sockaddr extends Structure {
        public byte sa_len;
        public byte sa_family;
        public byte[] sa_data = new byte[14];
    }
}
