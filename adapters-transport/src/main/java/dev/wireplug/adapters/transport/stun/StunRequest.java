package dev.wireplug.adapters.transport.stun;

import java.util.List;

/**
 * A parsed Binding request.
 *
 * @param transactionId 12 bytes (RFC 8489) or, for an RFC 3489 client without the magic cookie,
 *     the 16 bytes that follow the length
 * @param classic whether it came from an RFC 3489 client (no magic cookie)
 * @param changeIp RFC 5780 CHANGE-REQUEST "change IP" flag
 * @param changePort RFC 5780 CHANGE-REQUEST "change port" flag
 * @param fingerprint whether the request carried a (valid) FINGERPRINT
 * @param unknownRequired comprehension-required attributes we do not understand
 */
public record StunRequest(byte[] transactionId, boolean classic, boolean changeIp, boolean changePort,
        boolean fingerprint, List<Integer> unknownRequired) {
    public StunRequest {
        transactionId = transactionId.clone();
        unknownRequired = List.copyOf(unknownRequired);
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }
}
