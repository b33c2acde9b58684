package dev.wireplug.adapters.transport.relay;

import dev.wireplug.domain.key.PublicKey;
import java.util.Random;

/** WireGuard-shaped datagrams for relay tests. */
final class TestMessages {
    private TestMessages() {}

    /**
     * An initiation towards {@code receiver}: random body, a correct mac1 for the receiver's key
     * (which anyone knowing that public key can compute), random mac2.
     */
    static byte[] initiationTowards(PublicKey receiver, long seed) {
        byte[] message = new byte[148];
        new Random(seed).nextBytes(message);
        message[0] = 1;
        message[1] = message[2] = message[3] = 0;
        byte[] mac1 = new Mac1(receiver).compute(message, 0, WireGuardMessage.INITIATION_MAC1_OFFSET);
        System.arraycopy(mac1, 0, message, WireGuardMessage.INITIATION_MAC1_OFFSET, mac1.length);
        return message;
    }

    /** A transport data message of {@code size} bytes (at least 32). */
    static byte[] transport(int size, long seed) {
        byte[] message = new byte[size];
        new Random(seed).nextBytes(message);
        message[0] = 4;
        message[1] = message[2] = message[3] = 0;
        return message;
    }
}
