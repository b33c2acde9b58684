package dev.wireplug.adapters.transport.stun;

/** Bytes that are not a STUN Binding request this server answers. The codec's only exception. */
public final class StunFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public StunFormatException(String message) {
        super(message);
    }
}
