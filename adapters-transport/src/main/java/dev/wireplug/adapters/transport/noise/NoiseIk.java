package dev.wireplug.adapters.transport.noise;

import java.util.Arrays;

/**
 * The two-message Noise IK handshake ({@code Noise_IK_25519_ChaChaPoly_BLAKE2s}):
 * <pre>
 *   &lt;- s
 *   ...
 *   -&gt; e, es, s, ss
 *   &lt;- e, ee, se
 * </pre>
 * The initiator (wireplugd) knows the responder's (wpcod's) static key in advance and sends its
 * own, encrypted, in the first message; the responder learns and authenticates it there. Each side
 * is used once, in order; ephemeral keys are handed in so tests can replay published vectors.
 */
public final class NoiseIk {
    public static final String PROTOCOL_NAME = "Noise_IK_25519_ChaChaPoly_BLAKE2s";
    /** e (32) + encrypted s (32 + 16): the first message without its payload. */
    public static final int MESSAGE1_OVERHEAD = NoiseCrypto.DH_LEN + NoiseCrypto.DH_LEN + 2 * NoiseCrypto.TAG_LEN;
    /** e (32): the second message without its payload. */
    public static final int MESSAGE2_OVERHEAD = NoiseCrypto.DH_LEN + NoiseCrypto.TAG_LEN;

    private NoiseIk() {}

    /** The client's side. */
    public static final class Initiator {
        private final SymmetricState state;
        private final byte[] staticPrivate;
        private final byte[] remoteStatic;
        private final byte[] ephemeralPrivate;
        private int step;

        public Initiator(byte[] prologue, byte[] staticPrivate, byte[] remoteStatic, byte[] ephemeralPrivate) {
            this.state = new SymmetricState(PROTOCOL_NAME);
            this.staticPrivate = staticPrivate.clone();
            this.remoteStatic = remoteStatic.clone();
            this.ephemeralPrivate = ephemeralPrivate.clone();
            state.mixHash(prologue);
            state.mixHash(remoteStatic);
        }

        /** -&gt; e, es, s, ss, then the payload. */
        public byte[] writeMessage1(byte[] payload) throws NoiseException {
            expect(0);
            byte[] ephemeralPublic = NoiseCrypto.publicKey(ephemeralPrivate);
            state.mixHash(ephemeralPublic);
            state.mixKey(NoiseCrypto.dh(ephemeralPrivate, remoteStatic));
            byte[] encryptedStatic = state.encryptAndHash(NoiseCrypto.publicKey(staticPrivate));
            state.mixKey(NoiseCrypto.dh(staticPrivate, remoteStatic));
            byte[] encryptedPayload = state.encryptAndHash(payload);
            step = 1;
            return concat(ephemeralPublic, encryptedStatic, encryptedPayload);
        }

        /** &lt;- e, ee, se; returns the responder's payload. */
        public byte[] readMessage2(byte[] message) throws NoiseException {
            expect(1);
            if (message.length < MESSAGE2_OVERHEAD) {
                throw new NoiseException("handshake response too short");
            }
            byte[] remoteEphemeral = Arrays.copyOfRange(message, 0, NoiseCrypto.DH_LEN);
            state.mixHash(remoteEphemeral);
            state.mixKey(NoiseCrypto.dh(ephemeralPrivate, remoteEphemeral));
            state.mixKey(NoiseCrypto.dh(staticPrivate, remoteEphemeral));
            byte[] payload = state.decryptAndHash(Arrays.copyOfRange(message, NoiseCrypto.DH_LEN, message.length));
            step = 2;
            return payload;
        }

        public TransportKeys split() throws NoiseException {
            expect(2);
            byte[][] keys = state.split();
            return new TransportKeys(keys[0], keys[1], state.handshakeHash());
        }

        private void expect(int wanted) throws NoiseException {
            if (step != wanted) {
                throw new NoiseException("handshake step " + wanted + " out of order (at " + step + ")");
            }
        }
    }

    /** The coordinator's side. */
    public static final class Responder {
        private final SymmetricState state;
        private final byte[] staticPrivate;
        private final byte[] ephemeralPrivate;
        private byte[] remoteStatic;
        private byte[] remoteEphemeral;
        private int step;

        public Responder(byte[] prologue, byte[] staticPrivate, byte[] ephemeralPrivate) {
            this(prologue, staticPrivate, NoiseCrypto.publicKey(staticPrivate), ephemeralPrivate);
        }

        /**
         * With the static public key known already (the coordinator's never changes), which saves
         * one of the responder's six X25519 operations per handshake.
         */
        public Responder(byte[] prologue, byte[] staticPrivate, byte[] staticPublic, byte[] ephemeralPrivate) {
            this.state = new SymmetricState(PROTOCOL_NAME);
            this.staticPrivate = staticPrivate.clone();
            this.ephemeralPrivate = ephemeralPrivate.clone();
            state.mixHash(prologue);
            state.mixHash(staticPublic);
        }

        /** -&gt; e, es, s, ss; returns the initiator's payload and learns its static key. */
        public byte[] readMessage1(byte[] message) throws NoiseException {
            expect(0);
            if (message.length < MESSAGE1_OVERHEAD) {
                throw new NoiseException("handshake initiation too short");
            }
            remoteEphemeral = Arrays.copyOfRange(message, 0, NoiseCrypto.DH_LEN);
            state.mixHash(remoteEphemeral);
            state.mixKey(NoiseCrypto.dh(staticPrivate, remoteEphemeral));
            int staticEnd = NoiseCrypto.DH_LEN + NoiseCrypto.DH_LEN + NoiseCrypto.TAG_LEN;
            remoteStatic = state.decryptAndHash(Arrays.copyOfRange(message, NoiseCrypto.DH_LEN, staticEnd));
            state.mixKey(NoiseCrypto.dh(staticPrivate, remoteStatic));
            byte[] payload = state.decryptAndHash(Arrays.copyOfRange(message, staticEnd, message.length));
            step = 1;
            return payload;
        }

        /** The initiator's static key, authenticated by the first message. */
        public byte[] remoteStatic() throws NoiseException {
            if (step < 1) {
                throw new NoiseException("no initiation read yet");
            }
            return remoteStatic.clone();
        }

        /** &lt;- e, ee, se, then the payload. */
        public byte[] writeMessage2(byte[] payload) throws NoiseException {
            expect(1);
            byte[] ephemeralPublic = NoiseCrypto.publicKey(ephemeralPrivate);
            state.mixHash(ephemeralPublic);
            state.mixKey(NoiseCrypto.dh(ephemeralPrivate, remoteEphemeral));
            state.mixKey(NoiseCrypto.dh(ephemeralPrivate, remoteStatic));
            byte[] encryptedPayload = state.encryptAndHash(payload);
            step = 2;
            return concat(ephemeralPublic, encryptedPayload);
        }

        /** The keys with the responder's directions: it sends with the second, receives with the first. */
        public TransportKeys split() throws NoiseException {
            expect(2);
            byte[][] keys = state.split();
            return new TransportKeys(keys[1], keys[0], state.handshakeHash());
        }

        private void expect(int wanted) throws NoiseException {
            if (step != wanted) {
                throw new NoiseException("handshake step " + wanted + " out of order (at " + step + ")");
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
