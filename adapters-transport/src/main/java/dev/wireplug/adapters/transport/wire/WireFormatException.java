package dev.wireplug.adapters.transport.wire;

/** Bytes that are not a well-formed wireplug message. The only exception the codecs raise. */
public class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
