package dev.wireplug.adapters.wireguard.jna.openbsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Structure;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JNA structures against sizes and offsets derived by hand from OpenBSD's headers, with the
 * amd64 (and arm64: same LP64 rules) System V alignment: every member at a multiple of its own
 * alignment (1 for uint8_t and char arrays, 2 for uint16_t, 4 for int/uint32_t, 8 for
 * uint64_t/size_t/time_t/long/pointers), a struct or union aligned as its most aligned member and
 * padded to a multiple of that. JNA computes the same rules for the machine the test runs on
 * (Linux amd64), so agreement shows both the derivation and the binding are right.
 *
 * <p>Sources: sys/net/if_wg.h rev. 1.5 (2023/06/01), sys/netinet/in.h, sys/netinet6/in6.h,
 * sys/sys/socket.h, sys/sys/_time.h, sys/sys/ioccom.h of openbsd/src.
 */
class IfWgLayoutTest {

    /*
     * struct sockaddr_in  { u_int8_t sin_len;      @0
     *                       sa_family_t sin_family; @1  (sa_family_t is u_int8_t on OpenBSD)
     *                       in_port_t sin_port;     @2  (u_int16_t)
     *                       struct in_addr sin_addr;@4  (one u_int32_t)
     *                       int8_t sin_zero[8]; }   @8  -> 16 bytes, align 4
     */
    @Test
    void sockaddrInIs16BytesWithTheAddressAtOffset4() {
        In.SockaddrIn sin = new In.SockaddrIn();
        assertEquals(16, sin.size());
        assertEquals(0, sin.offsetOf("sin_len"));
        assertEquals(1, sin.offsetOf("sin_family"));
        assertEquals(2, sin.offsetOf("sin_port"));
        assertEquals(4, sin.offsetOf("sin_addr"));
        assertEquals(8, sin.offsetOf("sin_zero"));
    }

    /*
     * struct sockaddr_in6 { u_int8_t sin6_len;          @0
     *                       sa_family_t sin6_family;    @1
     *                       in_port_t sin6_port;        @2
     *                       u_int32_t sin6_flowinfo;    @4
     *                       struct in6_addr sin6_addr;  @8  (16 bytes, align 4: union with u_int32_t[4])
     *                       u_int32_t sin6_scope_id; }  @24 -> 28 bytes, align 4
     */
    @Test
    void sockaddrIn6Is28BytesWithTheScopeAtOffset24() {
        In.SockaddrIn6 sin6 = new In.SockaddrIn6();
        assertEquals(28, sin6.size());
        assertEquals(0, sin6.offsetOf("sin6_len"));
        assertEquals(1, sin6.offsetOf("sin6_family"));
        assertEquals(2, sin6.offsetOf("sin6_port"));
        assertEquals(4, sin6.offsetOf("sin6_flowinfo"));
        assertEquals(8, sin6.offsetOf("sin6_addr"));
        assertEquals(24, sin6.offsetOf("sin6_scope_id"));
        assertEquals(16, new In.In6Addr().size());
        assertEquals(16, new Socket.Sockaddr().size());
        assertEquals(16, new Time.Timespec().size());
    }

    /*
     * struct wg_aip_io { sa_family_t a_af;          @0 (u_int8_t), then 3 bytes of padding
     *                    int a_cidr;                @4
     *                    union wg_aip_addr a_addr;  @8 (max(in_addr 4, in6_addr 16) = 16, align 4)
     *                  }                            -> 24 bytes, align 4
     */
    @Test
    void wgAipIoIs24Bytes() {
        IfWg.WgAipIo aip = new IfWg.WgAipIo();
        assertEquals(24, aip.size());
        assertEquals(0, aip.offsetOf("a_af"));
        assertEquals(4, aip.offsetOf("a_cidr"));
        assertEquals(8, aip.offsetOf("a_addr"));
    }

    /*
     * struct wg_peer_io {
     *   int p_flags;                          @0
     *   int p_protocol_version;               @4
     *   uint8_t p_public[32];                 @8
     *   uint8_t p_psk[32];                    @40
     *   uint16_t p_pka;                       @72, then 2 bytes of padding
     *   union wg_peer_endpoint p_endpoint;    @76 (max(sockaddr 16, sockaddr_in 16, sockaddr_in6 28) = 28, align 4)
     *   uint64_t p_txbytes;                   @104 (76 + 28 = 104, already 8-aligned)
     *   uint64_t p_rxbytes;                   @112
     *   struct timespec p_last_handshake;     @120 (int64 tv_sec @120, long tv_nsec @128)
     *   char p_description[IFDESCRSIZE=64];   @136
     *   size_t p_aips_count;                  @200
     *   struct wg_aip_io p_aips[];            @208 (flexible, align 4, adds nothing)
     * }                                       -> 208 bytes, align 8
     */
    @Test
    void wgPeerIoIs208BytesWithEveryOffsetFromTheHeader() {
        IfWg.WgPeerIo peer = new IfWg.WgPeerIo();
        assertEquals(208, peer.size());
        assertEquals(0, peer.offsetOf("p_flags"));
        assertEquals(4, peer.offsetOf("p_protocol_version"));
        assertEquals(8, peer.offsetOf("p_public"));
        assertEquals(40, peer.offsetOf("p_psk"));
        assertEquals(72, peer.offsetOf("p_pka"));
        assertEquals(76, peer.offsetOf("p_endpoint"));
        assertEquals(104, peer.offsetOf("p_txbytes"));
        assertEquals(112, peer.offsetOf("p_rxbytes"));
        assertEquals(120, peer.offsetOf("p_last_handshake"));
        assertEquals(136, peer.offsetOf("p_description"));
        assertEquals(200, peer.offsetOf("p_aips_count"));
        assertEquals(28, new IfWg.WgPeerEndpoint().size());
    }

    /*
     * struct wg_interface_io {
     *   uint8_t i_flags;              @0, then 1 byte of padding
     *   in_port_t i_port;             @2
     *   int i_rtable;                 @4
     *   uint8_t i_public[32];         @8
     *   uint8_t i_private[32];        @40
     *   size_t i_peers_count;         @72
     *   struct wg_peer_io i_peers[];  @80 (flexible, align 8)
     * }                               -> 80 bytes, align 8
     */
    @Test
    void wgInterfaceIoIs80Bytes() {
        IfWg.WgInterfaceIo iface = new IfWg.WgInterfaceIo();
        assertEquals(80, iface.size());
        assertEquals(0, iface.offsetOf("i_flags"));
        assertEquals(2, iface.offsetOf("i_port"));
        assertEquals(4, iface.offsetOf("i_rtable"));
        assertEquals(8, iface.offsetOf("i_public"));
        assertEquals(40, iface.offsetOf("i_private"));
        assertEquals(72, iface.offsetOf("i_peers_count"));
    }

    /*
     * struct wg_data_io { char wgd_name[IFNAMSIZ=16];          @0
     *                     size_t wgd_size;                     @16
     *                     struct wg_interface_io *wgd_interface; @24 } -> 32 bytes
     */
    @Test
    void wgDataIoIs32BytesWithSizeBeforePointer() {
        IfWg.WgDataIo data = new IfWg.WgDataIo();
        assertEquals(32, data.size());
        assertEquals(IfWg.WG_DATA_IO_SIZE, data.size());
        assertEquals(0, data.offsetOf("wgd_name"));
        assertEquals(16, data.offsetOf("wgd_size"));
        assertEquals(24, data.offsetOf("wgd_interface"));
    }

    /*
     * _IOWR('i', 210, struct wg_data_io) = IOC_INOUT | ((32 & 0x1fff) << 16) | ('i' << 8) | 210
     *   = 0xc0000000 | 0x00200000 | 0x6900 | 0xd2 = 0xc02069d2; 211 = 0xd3.
     */
    @Test
    void ioctlNumbersAreIowrOfTheDataIo() {
        assertEquals(0xc02069d2L, IfWg.SIOCSWG);
        assertEquals(0xc02069d3L, IfWg.SIOCGWG);
    }

    @Test
    void flagBitsAreTheHeaderOnes() {
        assertEquals(0x01, IfWg.WG_INTERFACE_HAS_PUBLIC);
        assertEquals(0x02, IfWg.WG_INTERFACE_HAS_PRIVATE);
        assertEquals(0x04, IfWg.WG_INTERFACE_HAS_PORT);
        assertEquals(0x08, IfWg.WG_INTERFACE_HAS_RTABLE);
        assertEquals(0x10, IfWg.WG_INTERFACE_REPLACE_PEERS);
        assertEquals(0x01, IfWg.WG_PEER_HAS_PUBLIC);
        assertEquals(0x02, IfWg.WG_PEER_HAS_PSK);
        assertEquals(0x04, IfWg.WG_PEER_HAS_PKA);
        assertEquals(0x08, IfWg.WG_PEER_HAS_ENDPOINT);
        assertEquals(0x10, IfWg.WG_PEER_REPLACE_AIPS);
        assertEquals(0x20, IfWg.WG_PEER_REMOVE);
        assertEquals(0x40, IfWg.WG_PEER_UPDATE);
        assertEquals(0x80, IfWg.WG_PEER_SET_DESCRIPTION);
    }

    static Stream<Class<? extends Structure>> structures() {
        return Stream.of(In.InAddr.class, In.In6Addr.class, In.SockaddrIn.class, In.SockaddrIn6.class,
                Socket.Sockaddr.class, Time.Timespec.class, IfWg.WgAipAddr.class, IfWg.WgAipIo.class,
                IfWg.WgPeerEndpoint.class, IfWg.WgPeerIo.class, IfWg.WgInterfaceIo.class, IfWg.WgDataIo.class);
    }

    @ParameterizedTest
    @MethodSource("structures")
    void fieldOrderListsExactlyTheDeclaredFields(Class<? extends Structure> type) {
        List<String> order = Arrays.asList(type.getAnnotation(Structure.FieldOrder.class).value());
        List<String> declared = Arrays.stream(type.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName)
                .toList();
        assertEquals(declared, order, type.getSimpleName());
    }

    @org.junit.jupiter.api.Test
    void theIoctlArgumentCarriesTheNameSizeAndBufferWhereTheKernelReadsThem() {
        try (com.sun.jna.Memory data = new com.sun.jna.Memory(8)) {
            IfWg.WgDataIo io = new IfWg.WgDataIo("wg0", 0x1234, data);
            io.write();
            byte[] bytes = io.getPointer().getByteArray(0, 32);
            assertEquals("wg0", new String(bytes, 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 3; i < 16; i++) {
                assertEquals(0, bytes[i], "wgd_name is NUL-padded");
            }
            java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x1234, le.getLong(16));
            assertEquals(com.sun.jna.Pointer.nativeValue(data), le.getLong(24));
        }
    }
}
