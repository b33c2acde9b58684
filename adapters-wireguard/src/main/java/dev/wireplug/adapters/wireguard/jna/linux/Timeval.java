package dev.wireplug.adapters.wireguard.jna.linux;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** struct timeval, include/uapi/linux/time.h: two longs (16 bytes on 64-bit Linux). */
@FieldOrder({"tv_sec", "tv_usec"})
public class Timeval extends Structure {
    public NativeLong tv_sec;
    public NativeLong tv_usec;

    public Timeval() {
        this(0);
    }

    public Timeval(long millis) {
        tv_sec = new NativeLong(millis / 1000);
        tv_usec = new NativeLong((millis % 1000) * 1000);
    }
}
