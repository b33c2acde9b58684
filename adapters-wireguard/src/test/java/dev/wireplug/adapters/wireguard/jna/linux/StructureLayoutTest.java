package dev.wireplug.adapters.wireguard.jna.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Layouts against the Linux headers, for 64-bit Linux (LP64). */
class StructureLayoutTest {
    /** Structure.fieldOffset is protected; the layout is what we check, so reach it directly. */
    private static int offset(Structure s, String field) {
        try {
            java.lang.reflect.Method m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
            m.setAccessible(true);
            return (int) m.invoke(s, field);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sockaddrNlIsTwelveBytesAsInNetlinkH() {
        // include/uapi/linux/netlink.h: __kernel_sa_family_t nl_family; unsigned short nl_pad;
        // __u32 nl_pid; __u32 nl_groups.
        SockaddrNl s = new SockaddrNl();
        assertEquals(12, s.size());
        assertEquals(0, offset(s, "nl_family"));
        assertEquals(2, offset(s, "nl_pad"));
        assertEquals(4, offset(s, "nl_pid"));
        assertEquals(8, offset(s, "nl_groups"));
    }

    @Test
    void timevalIsTwoLongs() {
        // include/uapi/linux/time.h: __kernel_old_time_t tv_sec; __kernel_suseconds_t tv_usec (long each).
        assertEquals(8, Native.LONG_SIZE, "these layouts are for 64-bit Linux");
        Timeval t = new Timeval(1500);
        assertEquals(16, t.size());
        assertEquals(8, offset(t, "tv_usec"));
        assertEquals(1, t.tv_sec.longValue());
        assertEquals(500_000, t.tv_usec.longValue());
    }

    @Test
    void everyFieldOrderListsExactlyTheDeclaredFields() {
        for (Class<? extends Structure> type : List.of(SockaddrNl.class, Timeval.class)) {
            Set<String> declared = Arrays.stream(type.getDeclaredFields())
                    .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()))
                    .map(Field::getName)
                    .collect(Collectors.toSet());
            Set<String> ordered = Set.of(type.getAnnotation(Structure.FieldOrder.class).value());
            assertEquals(declared, ordered, type.getSimpleName());
        }
    }
}
