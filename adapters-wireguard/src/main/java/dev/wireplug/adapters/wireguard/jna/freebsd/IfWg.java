package dev.wireplug.adapters.wireguard.jna.freebsd;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import java.nio.charset.StandardCharsets;

/**
 * FreeBSD sys/dev/wg/if_wg.h: the ioctl argument of if_wg and its two ioctl numbers. The buffer it
 * points to is a packed nvlist (see the freebsd adapter's NvlistCodec).
 *
 * <p>Not SIOCGDRVSPEC/SIOCSDRVSPEC with {@code struct ifdrv}: that was the interface of the if_wg
 * in FreeBSD 13.0's development tree (sbin/ifconfig/ifwg.c of the time: {@code #define WGC_SETCONF
 * 0x1}, {@code #define WGC_GETCONF 0x2} as ifd_cmd), pulled before 13.0 was released. The driver
 * shipped since 13.2 (sys/dev/wg/if_wg.c, wg_ioctl) and wireguard-tools' src/ipc-freebsd.h use
 * SIOCGWG/SIOCSWG as below, with no ifdrv.
 */
public final class IfWg {
    /** net/if.h: {@code #define IFNAMSIZ 16}. */
    public static final int IFNAMSIZ = 16;
    /** sys/sys/socket.h: {@code #define AF_LOCAL 1}; wg(8) issues the ioctls on such a socket. */
    public static final int AF_LOCAL = 1;
    public static final int SOCK_DGRAM = 2;
    /** sizeof(struct wg_data_io) on LP64: 16 (name) + 8 (pointer) + 8 (size_t). */
    public static final int WG_DATA_IO_SIZE = 32;
    /** {@code #define SIOCSWG _IOWR('i', 210, struct wg_data_io)}. */
    public static final long SIOCSWG = Ioccom.iowr('i', 210, WG_DATA_IO_SIZE);
    /** {@code #define SIOCGWG _IOWR('i', 211, struct wg_data_io)}. */
    public static final long SIOCGWG = Ioccom.iowr('i', 211, WG_DATA_IO_SIZE);

    private IfWg() {}

    /**
     * {@code struct wg_data_io { char wgd_name[IFNAMSIZ]; void *wgd_data; size_t wgd_size; }}: the
     * pointer comes before the size, the other way round from OpenBSD's.
     */
    @FieldOrder({"wgd_name", "wgd_data", "wgd_size"})
    public static final class WgDataIo extends Structure {
        public byte[] wgd_name = new byte[IFNAMSIZ];
        public Pointer wgd_data;
        public long wgd_size;

        public WgDataIo() {}

        public WgDataIo(String interfaceName, Pointer data, long size) {
            byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
            if (name.length >= IFNAMSIZ) {
                throw new IllegalArgumentException("interface name '" + interfaceName + "' is longer than "
                        + (IFNAMSIZ - 1) + " bytes");
            }
            System.arraycopy(name, 0, wgd_name, 0, name.length);
            this.wgd_data = data;
            this.wgd_size = size;
        }

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
