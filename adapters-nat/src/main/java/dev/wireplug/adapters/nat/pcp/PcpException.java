package dev.wireplug.adapters.nat.pcp;

/** A datagram that is not a well-formed PCP reply. */
public final class PcpException extends Exception {
    public PcpException(String message) {
        super(message);
    }
}
