package dev.wireplug.adapters.wireguard.bsd;

/**
 * The errno values an SIOCGWG/SIOCSWG can end with, identical on OpenBSD, FreeBSD and macOS
 * (sys/sys/errno.h of each), and what they mean for a WireGuard interface.
 */
public final class BsdErrno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ENXIO = 6;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ENOSPC = 28;

    private BsdErrno() {}

    /** A sentence for an error message: what the errno says about the interface. */
    public static String describe(int errno) {
        return switch (errno) {
            case EPERM, EACCES -> "permission denied (errno " + errno + "; changing WireGuard needs root)";
            case ENXIO, ENOENT -> "no such interface (errno " + errno + ")";
            case ENOTTY -> "not a WireGuard interface (errno " + errno + ", ENOTTY)";
            case EINVAL -> "the kernel rejected the request (errno " + errno + ", EINVAL)";
            case ENOMEM -> "the kernel is out of memory (errno " + errno + ")";
            case ENOSPC -> "the configuration grew while being read (errno " + errno + ", ENOSPC)";
            default -> "errno " + errno;
        };
    }
}
