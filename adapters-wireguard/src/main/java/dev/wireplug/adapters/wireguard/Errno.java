package dev.wireplug.adapters.wireguard;

/** Names for the Linux errno values WireGuard implementations report, for error messages. */
final class Errno {
    private Errno() {}

    static String describe(int errno) {
        return switch (errno) {
            case 1 -> "EPERM, operation not permitted";
            case 2 -> "ENOENT, no such file or directory";
            case 3 -> "ESRCH, no such process or route";
            case 5 -> "EIO, input/output error";
            case 12 -> "ENOMEM, out of memory";
            case 13 -> "EACCES, permission denied";
            case 16 -> "EBUSY, device or resource busy";
            case 17 -> "EEXIST, already exists";
            case 19 -> "ENODEV, no such device";
            case 22 -> "EINVAL, invalid argument";
            case 71 -> "EPROTO, protocol error";
            case 93 -> "EPROTONOSUPPORT, protocol not supported";
            case 95 -> "EOPNOTSUPP, operation not supported";
            case 98 -> "EADDRINUSE, address already in use";
            case 99 -> "EADDRNOTAVAIL, address not available";
            case 100 -> "ENETDOWN, network is down";
            case 101 -> "ENETUNREACH, network is unreachable";
            case 105 -> "ENOBUFS, no buffer space";
            case 111 -> "ECONNREFUSED, connection refused";
            default -> "errno " + errno;
        };
    }
}
