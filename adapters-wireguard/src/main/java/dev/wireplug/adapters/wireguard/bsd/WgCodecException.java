package dev.wireplug.adapters.wireguard.bsd;

/**
 * Bytes from (or for) a BSD WireGuard ioctl that do not fit the kernel's layout: truncated, a
 * count that runs past the buffer, an unknown address family. The only exception the BSD codecs
 * throw for bad input.
 */
public final class WgCodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public WgCodecException(String message) {
        super(message);
    }
}
