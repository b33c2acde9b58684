package dev.wireplug.adapters.wireguard;

/**
 * A netlink message that cannot be understood, or a kernel answer of NLMSG_ERROR with a non-zero
 * error. The netlink codecs' only exception.
 */
final class NetlinkFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    NetlinkFormatException(String message) {
        this(message, 0);
    }

    NetlinkFormatException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The positive errno of a kernel error answer, or 0 for a malformed message. */
    int errno() {
        return errno;
    }
}
