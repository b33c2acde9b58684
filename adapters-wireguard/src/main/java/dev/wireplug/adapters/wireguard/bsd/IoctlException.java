package dev.wireplug.adapters.wireguard.bsd;

/** A failed ioctl(2), with the errno the kernel gave. */
public final class IoctlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public IoctlException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
