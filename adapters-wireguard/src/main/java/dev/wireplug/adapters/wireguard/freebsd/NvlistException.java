package dev.wireplug.adapters.wireguard.freebsd;

/** Bytes that are not a packed libnv nvlist (or an nvlist that libnv could not pack). */
public final class NvlistException extends Exception {
    private static final long serialVersionUID = 1L;

    public NvlistException(String message) {
        super(message);
    }
}
