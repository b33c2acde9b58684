package dev.wireplug.lab.load;

import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.noise.NoiseException;
import dev.wireplug.adapters.transport.noise.NoiseIk;
import dev.wireplug.adapters.transport.noise.TransportKeys;
import dev.wireplug.adapters.transport.wire.Payload;
import dev.wireplug.adapters.transport.wire.PayloadCodec;
import dev.wireplug.adapters.transport.wire.Tai64n;
import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.adapters.transport.wire.WireFormatException;
import dev.wireplug.adapters.transport.wire.WireMessage;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One simulated wireplugd, speaking the real protocol with the project's Noise IK and codecs, but
 * lean: its handshake initiation (4 of its 6 X25519 operations) is prepared before the clock
 * starts, so that the load generator's own CPU does not cap what is measured of the coordinator.
 * Single-threaded, like the generator's loop.
 */
final class SimulatedClient {
    static final long RETRY_NANOS = 3_000_000_000L;
    /** Retransmissions of the same initiation before a fresh one (a lost response makes the same one a replay). */
    static final int SAME_INITIATION_ATTEMPTS = 2;

    final int number;
    final KeyPair key;
    private final PublicKey coordinatorKey;
    private final SecureRandom random;
    private final Consumer<byte[]> out;
    private final java.util.function.LongConsumer onAcknowledged;

    int index;
    private NoiseIk.Initiator initiator;
    private byte[] initiation;
    private TransportKeys keys;
    private int remoteIndex;
    private long sendCounter;
    private int sequence = 1;
    private int pendingSequence;
    private List<Payload.WantedPeer> wants = List.of();
    int wireGuardPort = 20000;
    long sentNanos;
    private long attemptNanos;
    private int attempts;
    long peersHeard;

    SimulatedClient(int number, KeyPair key, PublicKey coordinatorKey, SecureRandom random, Consumer<byte[]> out,
            java.util.function.LongConsumer onAcknowledged) {
        this.number = number;
        this.key = key;
        this.coordinatorKey = coordinatorKey;
        this.random = random;
        this.out = out;
        this.onAcknowledged = onAcknowledged;
    }

    void wants(PublicKey peer) {
        wants = List.of(new Payload.WantedPeer(peer, dev.wireplug.domain.rendezvous.SealedHint.none()));
    }

    /** Builds the handshake initiation (with the first announcement) ahead of time. */
    void prepare() throws NoiseException {
        byte[] ephemeral = new byte[32];
        random.nextBytes(ephemeral);
        initiator = new NoiseIk.Initiator(WireCodec.PROLOGUE, key.privateKey().bytes(), coordinatorKey.bytes(), ephemeral);
        Payload.Hello hello = new Payload.Hello(Tai64n.of(Instant.now()), announce(sequence));
        pendingSequence = sequence;
        index = random.nextInt() | 1;
        initiation = WireCodec.encode(new WireMessage.HandshakeInitiation(index,
                initiator.writeMessage1(PayloadCodec.encode(hello))));
    }

    boolean established() {
        return keys != null;
    }

    boolean pending() {
        return pendingSequence != 0;
    }

    void startHandshake() {
        sentNanos = System.nanoTime();
        attemptNanos = sentNanos;
        attempts = 1;
        out.accept(initiation);
    }

    /** A new announcement over the session (a changed port, so the coordinator pushes it to the peer). */
    void reannounce() {
        wireGuardPort = wireGuardPort == 20000 ? 20001 : 20000;
        pendingSequence = ++sequence;
        sentNanos = System.nanoTime();
        attemptNanos = sentNanos;
        send(announce(pendingSequence));
    }

    /** Retransmits what is unanswered; a handshake whose answer was lost needs a fresh timestamp. */
    void retry() throws NoiseException {
        long now = System.nanoTime();
        if (!pending() || now - attemptNanos < RETRY_NANOS) {
            return;
        }
        attemptNanos = now; // latency still counts from the first attempt (sentNanos)
        if (keys != null) {
            send(announce(pendingSequence));
        } else if (attempts++ < SAME_INITIATION_ATTEMPTS) {
            out.accept(initiation);
        } else {
            prepare();
            out.accept(initiation);
        }
    }

    void keepalive() {
        if (keys != null) {
            send(new Payload.Keepalive());
        }
    }

    void onDatagram(WireMessage message, byte[] datagram) {
        switch (message) {
            case WireMessage.HandshakeResponse r -> onResponse(r);
            case WireMessage.Transport t -> onTransport(t, datagram);
            default -> { }
        }
    }

    private void onResponse(WireMessage.HandshakeResponse r) {
        if (keys != null || initiator == null) {
            return;
        }
        try {
            initiator.readMessage2(r.noise());
            keys = initiator.split();
        } catch (NoiseException e) {
            return;
        }
        initiator = null;
        initiation = null;
        remoteIndex = r.senderIndex();
        send(new Payload.Keepalive()); // confirms the session: the coordinator then commits the hello's announcement
    }

    private void onTransport(WireMessage.Transport t, byte[] datagram) {
        if (keys == null) {
            return;
        }
        Payload payload;
        try {
            payload = PayloadCodec.decode(NoiseCrypto.decrypt(keys.receiveKey(), t.counter(),
                    WireCodec.transportHeaderOf(datagram), t.ciphertext()));
        } catch (NoiseException | WireFormatException e) {
            return;
        }
        switch (payload) {
            case Payload.AnnounceAck ack -> {
                if (ack.sequence() == pendingSequence) {
                    pendingSequence = 0;
                    onAcknowledged.accept(System.nanoTime() - sentNanos);
                }
            }
            case Payload.PeerInfo info -> peersHeard++;
            case Payload.Push push -> {
                peersHeard++;
                send(new Payload.PushAck(push.id()));
            }
            case Payload.PathChallenge challenge -> send(new Payload.PathResponse(challenge.data()));
            case Payload.Error error -> {
                if (error.code() == Payload.Error.NOT_ANNOUNCED) {
                    send(announce(pendingSequence != 0 ? pendingSequence : ++sequence));
                }
            }
            default -> { }
        }
    }

    private Payload.Announce announce(int seq) {
        return new Payload.Announce(seq, wireGuardPort, NatKind.UNKNOWN, Optional.empty(), false, wants);
    }

    private void send(Payload payload) {
        long counter = sendCounter++;
        byte[] header = WireCodec.transportHeader(remoteIndex, counter);
        byte[] ciphertext = NoiseCrypto.encrypt(keys.sendKey(), counter, header, PayloadCodec.encode(payload));
        out.accept(WireCodec.encode(new WireMessage.Transport(remoteIndex, counter, ciphertext)));
    }
}
