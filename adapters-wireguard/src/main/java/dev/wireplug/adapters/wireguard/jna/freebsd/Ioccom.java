package dev.wireplug.adapters.wireguard.jna.freebsd;

/**
 * The ioctl number macros of FreeBSD's sys/sys/ioccom.h (the same values as OpenBSD's):
 *
 * <pre>
 * #define IOCPARM_MASK 0x1fff
 * #define IOC_OUT      (unsigned long)0x40000000
 * #define IOC_IN       (unsigned long)0x80000000
 * #define IOC_INOUT    (IOC_IN|IOC_OUT)
 * #define _IOC(inout,group,num,len) \
 *     ((inout) | (((len) &amp; IOCPARM_MASK) &lt;&lt; 16) | ((group) &lt;&lt; 8) | (num))
 * #define _IOWR(g,n,t) _IOC(IOC_INOUT, (g), (n), sizeof(t))
 * </pre>
 */
public final class Ioccom {
    public static final long IOCPARM_MASK = 0x1fff;
    public static final long IOC_OUT = 0x40000000L;
    public static final long IOC_IN = 0x80000000L;
    public static final long IOC_INOUT = IOC_IN | IOC_OUT;

    private Ioccom() {}

    public static long ioc(long inout, char group, int num, int len) {
        return inout | ((len & IOCPARM_MASK) << 16) | ((long) group << 8) | num;
    }

    public static long iowr(char group, int num, int len) {
        return ioc(IOC_INOUT, group, num, len);
    }
}
