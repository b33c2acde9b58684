package dev.wireplug.adapters.transport.relay;

/** A datagram that is not a well-formed WireGuard message (the relay drops it). */
final class WireGuardMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    WireGuardMessageException(String message) {
        super(message);
    }
}
