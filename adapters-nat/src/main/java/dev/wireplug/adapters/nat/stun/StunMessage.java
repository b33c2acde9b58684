package dev.wireplug.adapters.nat.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * A decoded STUN message with the attributes the client uses. Address attributes are already
 * un-XORed. {@code fingerprintValid} is empty when there was no FINGERPRINT.
 */
public record StunMessage(int type, byte[] transactionId, Optional<InetSocketAddress> xorMappedAddress,
        Optional<InetSocketAddress> mappedAddress, Optional<InetSocketAddress> otherAddress,
        Optional<InetSocketAddress> responseOrigin, Optional<Integer> errorCode, Optional<Boolean> fingerprintValid,
        int messageIntegrityOffset) {

    public StunMessage {
        transactionId = transactionId.clone();
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** XOR-MAPPED-ADDRESS, falling back to MAPPED-ADDRESS (RFC 3489 servers). */
    public Optional<InetSocketAddress> mapped() {
        return xorMappedAddress.or(() -> mappedAddress);
    }

    public boolean isBindingSuccess() {
        return type == StunCodec.BINDING_SUCCESS;
    }

    public boolean hasTransactionId(byte[] expected) {
        return Arrays.equals(transactionId, expected);
    }
}
