package dev.wireplug.adapters.wireguard.jna.openbsd;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;
import java.nio.charset.StandardCharsets;

/**
 * OpenBSD sys/net/if_wg.h (rev. 1.5, 2023/06/01), the public interface of wg(4). The ioctl argument
 * is {@link WgDataIo}; the other structures describe the buffer it points to. The adapter builds
 * that buffer with a pure codec and uses these classes only for the outer struct and to check, in
 * tests, that the codec's offsets are the ones the C compiler would give.
 */
public final class IfWg {
    /** net/if.h: {@code #define IFNAMSIZ 16}. */
    public static final int IFNAMSIZ = 16;
    /** net/if.h: {@code #define IFDESCRSIZE 64}. */
    public static final int IFDESCRSIZE = 64;
    public static final int WG_KEY_LEN = 32;

    /** sizeof(struct wg_data_io) on LP64: 16 (name) + 8 (size_t) + 8 (pointer); asserted against JNA in the tests. */
    public static final int WG_DATA_IO_SIZE = 32;
    /** {@code #define SIOCSWG _IOWR('i', 210, struct wg_data_io)}. */
    public static final long SIOCSWG = Ioccom.iowr('i', 210, WG_DATA_IO_SIZE);
    /** {@code #define SIOCGWG _IOWR('i', 211, struct wg_data_io)}. */
    public static final long SIOCGWG = Ioccom.iowr('i', 211, WG_DATA_IO_SIZE);

    public static final int WG_INTERFACE_HAS_PUBLIC = 1 << 0;
    public static final int WG_INTERFACE_HAS_PRIVATE = 1 << 1;
    public static final int WG_INTERFACE_HAS_PORT = 1 << 2;
    public static final int WG_INTERFACE_HAS_RTABLE = 1 << 3;
    public static final int WG_INTERFACE_REPLACE_PEERS = 1 << 4;

    public static final int WG_PEER_HAS_PUBLIC = 1 << 0;
    public static final int WG_PEER_HAS_PSK = 1 << 1;
    public static final int WG_PEER_HAS_PKA = 1 << 2;
    public static final int WG_PEER_HAS_ENDPOINT = 1 << 3;
    public static final int WG_PEER_REPLACE_AIPS = 1 << 4;
    public static final int WG_PEER_REMOVE = 1 << 5;
    public static final int WG_PEER_UPDATE = 1 << 6;
    public static final int WG_PEER_SET_DESCRIPTION = 1 << 7;

    private IfWg() {}

    /** {@code union wg_aip_addr { struct in_addr addr_ipv4; struct in6_addr addr_ipv6; }}. */
    @FieldOrder({"addr_ipv4", "addr_ipv6"})
    public static final class WgAipAddr extends Union {
        public In.InAddr addr_ipv4 = new In.InAddr();
        public In.In6Addr addr_ipv6 = new In.In6Addr();
    }

    /** {@code struct wg_aip_io { sa_family_t a_af; int a_cidr; union wg_aip_addr a_addr; }}. */
    @FieldOrder({"a_af", "a_cidr", "a_addr"})
    public static final class WgAipIo extends Structure {
        public byte a_af;
        public int a_cidr;
        public WgAipAddr a_addr = new WgAipAddr();

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /**
     * {@code union wg_peer_endpoint { struct sockaddr sa_sa; struct sockaddr_in sa_sin;
     * struct sockaddr_in6 sa_sin6; }}.
     */
    @FieldOrder({"sa_sa", "sa_sin", "sa_sin6"})
    public static final class WgPeerEndpoint extends Union {
        public Socket.Sockaddr sa_sa = new Socket.Sockaddr();
        public In.SockaddrIn sa_sin = new In.SockaddrIn();
        public In.SockaddrIn6 sa_sin6 = new In.SockaddrIn6();
    }

    /**
     * {@code struct wg_peer_io}, without its flexible {@code struct wg_aip_io p_aips[]}, which adds
     * nothing to the size: the allowed IPs follow the struct in the buffer.
     */
    @FieldOrder({"p_flags", "p_protocol_version", "p_public", "p_psk", "p_pka", "p_endpoint", "p_txbytes",
            "p_rxbytes", "p_last_handshake", "p_description", "p_aips_count"})
    public static final class WgPeerIo extends Structure {
        public int p_flags;
        public int p_protocol_version;
        public byte[] p_public = new byte[WG_KEY_LEN];
        public byte[] p_psk = new byte[WG_KEY_LEN];
        public short p_pka;
        public WgPeerEndpoint p_endpoint = new WgPeerEndpoint();
        public long p_txbytes;
        public long p_rxbytes;
        public Time.Timespec p_last_handshake = new Time.Timespec();
        public byte[] p_description = new byte[IFDESCRSIZE];
        /** size_t: 64 bits on the LP64 platforms this adapter supports (amd64, arm64). */
        public long p_aips_count;

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct wg_interface_io}, without its flexible {@code struct wg_peer_io i_peers[]}. */
    @FieldOrder({"i_flags", "i_port", "i_rtable", "i_public", "i_private", "i_peers_count"})
    public static final class WgInterfaceIo extends Structure {
        public byte i_flags;
        public short i_port;
        public int i_rtable;
        public byte[] i_public = new byte[WG_KEY_LEN];
        public byte[] i_private = new byte[WG_KEY_LEN];
        public long i_peers_count;

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /**
     * {@code struct wg_data_io { char wgd_name[IFNAMSIZ]; size_t wgd_size;
     * struct wg_interface_io *wgd_interface; }}: the ioctl argument.
     */
    @FieldOrder({"wgd_name", "wgd_size", "wgd_interface"})
    public static final class WgDataIo extends Structure {
        public byte[] wgd_name = new byte[IFNAMSIZ];
        public long wgd_size;
        public Pointer wgd_interface;

        public WgDataIo() {}

        public WgDataIo(String interfaceName, long size, Pointer data) {
            byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
            if (name.length >= IFNAMSIZ) {
                throw new IllegalArgumentException("interface name '" + interfaceName + "' is longer than "
                        + (IFNAMSIZ - 1) + " bytes");
            }
            System.arraycopy(name, 0, wgd_name, 0, name.length);
            this.wgd_size = size;
            this.wgd_interface = data;
        }

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
