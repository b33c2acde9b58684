package dev.wireplug.adapters.wireguard.jna.openbsd;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** OpenBSD sys/sys/_time.h: {@code struct timespec { time_t tv_sec; long tv_nsec; }}, time_t being int64_t. */
public final class Time {
    private Time() {}

    @FieldOrder({"tv_sec", "tv_nsec"})
    public static final class Timespec extends Structure {
        public long tv_sec;
        public NativeLong tv_nsec = new NativeLong(0);
    }
}
