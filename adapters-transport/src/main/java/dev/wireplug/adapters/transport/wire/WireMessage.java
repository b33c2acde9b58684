package dev.wireplug.adapters.transport.wire;

/**
 * The outer messages of the wireplug coordinator protocol (docs/protocol.md, "Messages"). Byte
 * arrays are the Noise parts, kept opaque here.
 */
public sealed interface WireMessage {

    /** Noise IK message 1 from a client, with the client's index for this session. */
    record HandshakeInitiation(int senderIndex, byte[] noise) implements WireMessage {
        public HandshakeInitiation {
            noise = noise.clone();
        }
    }

    /** Noise IK message 2 from the coordinator: its index, the client's index, the Noise part. */
    record HandshakeResponse(int senderIndex, int receiverIndex, byte[] noise) implements WireMessage {
        public HandshakeResponse {
            noise = noise.clone();
        }
    }

    /** A session message: the recipient's index, the sender's counter, the AEAD ciphertext. */
    record Transport(int receiverIndex, long counter, byte[] ciphertext) implements WireMessage {
        public Transport {
            ciphertext = ciphertext.clone();
        }
    }

    /** Unauthenticated: "I do not speak your version; I speak minVersion to maxVersion". */
    record UpgradeRequired(int minVersion, int maxVersion) implements WireMessage {}

    /** Unauthenticated: "I have no session with that index" (a restarted or expired coordinator). */
    record UnknownSession(int receiverIndex) implements WireMessage {}

    /**
     * Unauthenticated: "which static key do you hold?", for a client that has not pinned one
     * (trust on first use). Zero-padded so it is always longer than the answer: the coordinator
     * never sends more than it receives to an unverified address.
     */
    record KeyRequest() implements WireMessage {}

    /** Unauthenticated: the coordinator's static public key, in answer to a {@link KeyRequest}. */
    record CoordinatorKey(byte[] publicKey) implements WireMessage {
        public CoordinatorKey {
            if (publicKey.length != 32) {
                throw new IllegalArgumentException("a coordinator key is 32 bytes, not " + publicKey.length);
            }
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }
    }
}
