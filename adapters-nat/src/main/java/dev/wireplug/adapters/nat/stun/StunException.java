package dev.wireplug.adapters.nat.stun;

/** A datagram that is not the STUN answer we wait for. */
final class StunException extends Exception {
    private static final long serialVersionUID = 1L;

    StunException(String message) {
        super(message);
    }
}
