package dev.wireplug.adapters.nat.stun;

/** A datagram that is not a well-formed STUN message. */
public final class StunException extends Exception {
    public StunException(String message) {
        super(message);
    }
}
