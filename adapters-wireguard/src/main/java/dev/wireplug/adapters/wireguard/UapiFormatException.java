package dev.wireplug.adapters.wireguard;

/**
 * A UAPI exchange that cannot be understood, or that the implementation answered with a non-zero
 * {@code errno}. The codec's only exception: anything a peer sends ends here or parses.
 */
final class UapiFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    UapiFormatException(String message) {
        this(message, 0);
    }

    UapiFormatException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The errno the implementation reported, or 0 when the text itself was malformed. */
    int errno() {
        return errno;
    }
}
