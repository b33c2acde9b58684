package dev.wireplug.adapters.nat.natpmp;

/** A datagram that is not a well-formed NAT-PMP reply. */
public final class NatPmpException extends Exception {
    public NatPmpException(String message) {
        super(message);
    }
}
