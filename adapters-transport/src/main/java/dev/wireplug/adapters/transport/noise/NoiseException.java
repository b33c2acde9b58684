package dev.wireplug.adapters.transport.noise;

/** A Noise message that does not authenticate, or a handshake used out of order. */
public final class NoiseException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoiseException(String message) {
        super(message);
    }
}
