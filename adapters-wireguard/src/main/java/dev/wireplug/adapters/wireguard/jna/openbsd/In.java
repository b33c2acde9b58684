package dev.wireplug.adapters.wireguard.jna.openbsd;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

/** OpenBSD sys/netinet/in.h and sys/netinet6/in6.h: the IPv4 and IPv6 socket addresses. */
public final class In {
    private In() {}

    /** {@code struct in_addr { in_addr_t s_addr; }}: 4 bytes, 4-aligned. */
    @FieldOrder({"s_addr"})
    public static final class InAddr extends Structure {
        public int s_addr;
    }

    /**
     * {@code struct in6_addr { union { u_int8_t __u6_addr8[16]; u_int16_t __u6_addr16[8];
     * u_int32_t __u6_addr32[4]; } __u6_addr; }}: 16 bytes, 4-aligned through the uint32 member.
     */
    @FieldOrder({"u6_addr8", "u6_addr32"})
    public static final class In6Addr extends Union {
        public byte[] u6_addr8 = new byte[16];
        public int[] u6_addr32 = new int[4];
    }

    /**
     * {@code struct sockaddr_in { u_int8_t sin_len; sa_family_t sin_family; in_port_t sin_port;
     * struct in_addr sin_addr; int8_t sin_zero[8]; }}: 16 bytes.
     */
    @FieldOrder({"sin_len", "sin_family", "sin_port", "sin_addr", "sin_zero"})
    public static final class SockaddrIn extends Structure {
        public byte sin_len;
        public byte sin_family;
        public short sin_port;
        public InAddr sin_addr = new InAddr();
        public byte[] sin_zero = new byte[8];

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /**
     * {@code struct sockaddr_in6 { u_int8_t sin6_len; sa_family_t sin6_family; in_port_t sin6_port;
     * u_int32_t sin6_flowinfo; struct in6_addr sin6_addr; u_int32_t sin6_scope_id; }}: 28 bytes.
     */
    @FieldOrder({"sin6_len", "sin6_family", "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id"})
    public static final class SockaddrIn6 extends Structure {
        public byte sin6_len;
        public byte sin6_family;
        public short sin6_port;
        public int sin6_flowinfo;
        public In6Addr sin6_addr = new In6Addr();
        public int sin6_scope_id;

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
