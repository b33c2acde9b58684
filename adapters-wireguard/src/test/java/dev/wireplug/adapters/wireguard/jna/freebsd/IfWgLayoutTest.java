package dev.wireplug.adapters.wireguard.jna.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Structure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FreeBSD sys/dev/wg/if_wg.h: {@code struct wg_data_io { char wgd_name[IFNAMSIZ]; void *wgd_data;
 * size_t wgd_size; }}: name @0 (16 bytes), pointer @16 (8-aligned), size_t @24, 32 bytes on amd64;
 * {@code SIOCSWG _IOWR('i', 210, struct wg_data_io)} and {@code SIOCGWG _IOWR('i', 211, ...)} with
 * sys/sys/ioccom.h's {@code IOC_INOUT | ((len & 0x1fff) << 16) | (group << 8) | num}.
 */
class IfWgLayoutTest {
    @Test
    void wgDataIoHasThePointerBeforeTheSize() {
        IfWg.WgDataIo io = new IfWg.WgDataIo();
        assertEquals(32, io.size());
        assertEquals(IfWg.WG_DATA_IO_SIZE, io.size());
        assertEquals(0, io.offsetOf("wgd_name"));
        assertEquals(16, io.offsetOf("wgd_data"));
        assertEquals(24, io.offsetOf("wgd_size"));
    }

    @Test
    void ioctlNumbersAreIowrOfTheDataIo() {
        assertEquals(0xc02069d2L, IfWg.SIOCSWG);
        assertEquals(0xc02069d3L, IfWg.SIOCGWG);
    }

    @Test
    void fieldOrderListsExactlyTheDeclaredFields() {
        List<String> declared = java.util.Arrays.stream(IfWg.WgDataIo.class.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
                .map(java.lang.reflect.Field::getName)
                .toList();
        assertEquals(declared, List.of(IfWg.WgDataIo.class.getAnnotation(Structure.FieldOrder.class).value()));
    }

    @Test
    void longInterfaceNamesAreRefusedBeforeReachingTheKernel() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new IfWg.WgDataIo("a-very-long-name", null, 0));
    }

    @org.junit.jupiter.api.Test
    void theIoctlArgumentCarriesTheNameSizeAndBufferWhereTheKernelReadsThem() {
        try (com.sun.jna.Memory data = new com.sun.jna.Memory(8)) {
            IfWg.WgDataIo io = new IfWg.WgDataIo("wg0", data, 0x1234);
            io.write();
            byte[] bytes = io.getPointer().getByteArray(0, 32);
            assertEquals("wg0", new String(bytes, 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 3; i < 16; i++) {
                assertEquals(0, bytes[i], "wgd_name is NUL-padded");
            }
            java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x1234, le.getLong(24));
            assertEquals(com.sun.jna.Pointer.nativeValue(data), le.getLong(16));
        }
    }
}
