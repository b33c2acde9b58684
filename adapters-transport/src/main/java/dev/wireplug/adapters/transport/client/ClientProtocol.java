package dev.wireplug.adapters.transport.client;

import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.noise.NoiseException;
import dev.wireplug.adapters.transport.noise.NoiseIk;
import dev.wireplug.adapters.transport.noise.TransportKeys;
import dev.wireplug.adapters.transport.wire.Payload;
import dev.wireplug.adapters.transport.wire.PayloadCodec;
import dev.wireplug.adapters.transport.wire.ReplayWindow;
import dev.wireplug.adapters.transport.wire.Tai64n;
import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.adapters.transport.wire.WireFormatException;
import dev.wireplug.adapters.transport.wire.WireMessage;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.endpoint.DirectPathReport;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The client's side of the protocol, free of Netty and of timers: datagrams in through
 * {@link #onDatagram}, time in through {@link #tick}, datagrams out through a consumer. The Netty
 * adapter calls both from one event loop, so nothing here is shared between threads.
 *
 * <p>Every handshake attempt is a fresh initiation with a fresh timestamp (the coordinator refuses
 * an old one as a replay). After the response the client confirms the session with its first
 * transport message, which is what makes the coordinator commit the announcement.
 */
public final class ClientProtocol {
    static final Duration HANDSHAKE_RETRY_FIRST = Duration.ofMillis(500);
    static final Duration HANDSHAKE_RETRY_MAX = Duration.ofSeconds(2);
    static final Duration ANNOUNCE_RETRY = Duration.ofMillis(700);
    static final Duration REKEY_AFTER = Duration.ofMinutes(10);
    /** A backstop for a lost push: the answer to a fresh announcement carries every mutual peer. */
    static final Duration REANNOUNCE_AFTER = Duration.ofSeconds(30);
    static final int ANNOUNCE_ATTEMPTS = 5;
    /** An "upgrade required" is unauthenticated: it pauses us, never stops us for good. */
    static final Duration UPGRADE_PAUSE = Duration.ofSeconds(60);

    private final KeyPair identity;
    private final PublicKey coordinator;
    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<byte[]> out;
    private final CoordinatorClient.Listener listener;

    private Optional<CoordinatorClient.Announce> desired = Optional.empty();
    private int nextSequence = 1;

    private Handshake handshake;
    private Session session;
    /** While set and in the future, no handshake is attempted (the coordinator asked for an upgrade). */
    private Optional<Instant> upgradeRequiredUntil = Optional.empty();

    private record Handshake(NoiseIk.Initiator initiator, int localIndex, Instant sentAt, int attempt,
            CoordinatorClient.Announce carried, List<Payload.Announce> chunks) {}

    private static final class Session {
        final int localIndex;
        final int remoteIndex;
        final byte[] sendKey;
        final byte[] receiveKey;
        final ReplayWindow window = new ReplayWindow();
        final Instant established;
        long sendCounter;
        Instant lastReceived;
        Instant lastSent;
        Duration keepalive = Duration.ofSeconds(10);
        List<Payload.Announce> chunks = List.of();
        int chunk;
        Instant chunkSentAt;
        int chunkAttempts;
        boolean announced;
        /** PeerInfo messages received since the current part was (re)sent. */
        int peersSinceSent;
        /** How many the coordinator's AnnounceAck for the last part said would follow; -1 before it. */
        int expectedPeers = -1;
        Instant announcedAt;

        Session(int localIndex, int remoteIndex, TransportKeys keys, Instant now) {
            this.localIndex = localIndex;
            this.remoteIndex = remoteIndex;
            this.sendKey = keys.sendKey();
            this.receiveKey = keys.receiveKey();
            this.established = now;
            this.lastReceived = now;
            this.lastSent = now;
        }
    }

    public ClientProtocol(KeyPair identity, PublicKey coordinator, Clock clock, SecureRandom random,
            Consumer<byte[]> out, CoordinatorClient.Listener listener) {
        this.identity = identity;
        this.coordinator = coordinator;
        this.clock = clock;
        this.random = random;
        this.out = out;
        this.listener = listener;
    }

    /** Replaces what we announce and sends it now: over the session, or in a new handshake. */
    public void announce(CoordinatorClient.Announce announce) {
        desired = Optional.of(announce);
        if (session != null) {
            session.announced = false;
            startAnnouncing(session);
        } else {
            startHandshake(0);
        }
    }

    /**
     * Tells the coordinator how the direct path to {@code peer} fares. Best effort: without a
     * session it is dropped, and the daemon repeats a report as long as it holds.
     */
    public void reportPath(PublicKey peer, DirectPathReport report) {
        if (session != null) {
            send(session, new Payload.PathReport(peer, report));
        }
    }

    public boolean hasSession() {
        return session != null;
    }

    public void tick() {
        Instant now = clock.now();
        if (desired.isEmpty() || upgradeRequiredUntil.filter(now::isBefore).isPresent()) {
            return;
        }
        if (handshake != null && !now.isBefore(handshake.sentAt().plus(backoff(handshake.attempt())))) {
            startHandshake(handshake.attempt() + 1);
            return;
        }
        if (session == null) {
            if (handshake == null) {
                startHandshake(0);
            }
            return;
        }
        Session s = session;
        Duration dead = s.keepalive.multipliedBy(3).plusSeconds(5);
        if (handshake == null && (!now.isBefore(s.lastReceived.plus(dead))
                || !now.isBefore(s.established.plus(REKEY_AFTER)))) {
            startHandshake(0);
        }
        if (s.chunk >= s.chunks.size() && s.announcedAt != null && !now.isBefore(s.announcedAt.plus(REANNOUNCE_AFTER))) {
            startAnnouncing(s);
        }
        if (s.chunk < s.chunks.size() && !now.isBefore(s.chunkSentAt.plus(ANNOUNCE_RETRY))) {
            if (s.chunkAttempts >= ANNOUNCE_ATTEMPTS) {
                if (handshake == null) {
                    startHandshake(0);
                }
            } else {
                sendChunk(s);
            }
        }
        if (!now.isBefore(s.lastSent.plus(s.keepalive))) {
            send(s, new Payload.Keepalive());
        }
    }

    /**
     * When {@link #tick} next has something to do (a retransmission, a keepalive, a re-handshake,
     * a re-announcement), so that the adapter can sleep until then rather than tick on a fixed
     * beat; empty while there is nothing to announce. A tick before this instant does nothing. It
     * mirrors {@link #tick}'s conditions one for one.
     */
    public Optional<Instant> nextDue() {
        Instant now = clock.now();
        if (desired.isEmpty()) {
            return Optional.empty();
        }
        if (upgradeRequiredUntil.filter(now::isBefore).isPresent()) {
            return upgradeRequiredUntil;
        }
        List<Instant> due = new ArrayList<>();
        if (handshake != null) {
            due.add(handshake.sentAt().plus(backoff(handshake.attempt())));
        }
        if (session == null) {
            if (handshake == null) {
                due.add(now);
            }
        } else {
            Session s = session;
            if (handshake == null) {
                due.add(s.lastReceived.plus(s.keepalive.multipliedBy(3).plusSeconds(5)));
                due.add(s.established.plus(REKEY_AFTER));
            }
            if (s.chunk >= s.chunks.size() && s.announcedAt != null) {
                due.add(s.announcedAt.plus(REANNOUNCE_AFTER));
            }
            if (s.chunk < s.chunks.size()) {
                due.add(s.chunkSentAt.plus(ANNOUNCE_RETRY));
            }
            due.add(s.lastSent.plus(s.keepalive));
        }
        return due.stream().min(Instant::compareTo);
    }

    public void onDatagram(byte[] datagram) {
        WireMessage message;
        try {
            message = WireCodec.decode(datagram);
        } catch (WireFormatException e) {
            return;
        }
        switch (message) {
            case WireMessage.HandshakeResponse m -> onResponse(m);
            case WireMessage.Transport m -> onTransport(m, datagram);
            case WireMessage.UpgradeRequired m -> {
                // Unauthenticated: ignored while a session proves the coordinator speaks our version,
                // and only pauses us when we truly cannot speak any version it lists.
                if (session == null && (WireCodec.VERSION < m.minVersion() || WireCodec.VERSION > m.maxVersion())) {
                    upgradeRequiredUntil = Optional.of(clock.now().plus(UPGRADE_PAUSE));
                    handshake = null;
                    listener.problem("the coordinator speaks protocol versions " + m.minVersion() + "-"
                            + m.maxVersion() + ", this wireplugd speaks " + WireCodec.VERSION + ": please upgrade");
                }
            }
            case WireMessage.UnknownSession m -> {
                // Unauthenticated too; at worst a forged one costs us one handshake.
                if (session != null && m.receiverIndex() == session.remoteIndex && handshake == null) {
                    startHandshake(0);
                }
            }
            case WireMessage.HandshakeInitiation m -> { }
            case WireMessage.KeyRequest m -> { }
            case WireMessage.CoordinatorKey m -> { } // asked for outside the session, by CoordinatorKeyProbe
        }
    }

    private void startHandshake(int attempt) {
        if (desired.isEmpty()) {
            return;
        }
        byte[] ephemeral = new byte[32];
        random.nextBytes(ephemeral);
        NoiseIk.Initiator initiator = new NoiseIk.Initiator(WireCodec.PROLOGUE, identity.privateKey().bytes(),
                coordinator.bytes(), ephemeral);
        List<Payload.Announce> chunks = chunks(desired.get());
        Instant now = clock.now();
        Payload.Hello hello = new Payload.Hello(Tai64n.of(now), chunks.get(0));
        int index = freshIndex();
        try {
            byte[] noise = initiator.writeMessage1(PayloadCodec.encode(hello));
            handshake = new Handshake(initiator, index, now, attempt, desired.get(), chunks);
            out.accept(WireCodec.encode(new WireMessage.HandshakeInitiation(index, noise)));
        } catch (NoiseException e) {
            listener.problem("cannot start a handshake: " + e.getMessage());
        }
    }

    private void onResponse(WireMessage.HandshakeResponse m) {
        Handshake h = handshake;
        if (h == null || m.receiverIndex() != h.localIndex()) {
            return;
        }
        Payload payload;
        TransportKeys keys;
        try {
            payload = PayloadCodec.decode(h.initiator().readMessage2(m.noise()));
            keys = h.initiator().split();
        } catch (NoiseException | WireFormatException e) {
            return; // a forged or corrupted response: keep waiting for the real one
        }
        if (!(payload instanceof Payload.Welcome welcome)) {
            return;
        }
        handshake = null;
        Session s = new Session(h.localIndex(), m.senderIndex(), keys, clock.now());
        s.keepalive = Duration.ofSeconds(welcome.keepaliveSeconds());
        s.chunks = h.chunks();
        s.chunk = 0;
        s.chunkSentAt = clock.now();
        s.chunkAttempts = 1;
        session = s;
        listener.observed(welcome.observed());
        // The first transport message confirms the session; the hello's announcement is then committed.
        send(s, new Payload.Keepalive());
        if (!desired.get().equals(h.carried())) {
            // announce() was called while this handshake was in flight (and went out on the old
            // session): the hello is older news, so send the current one after it.
            startAnnouncing(s);
        }
    }

    private void onTransport(WireMessage.Transport m, byte[] datagram) {
        Session s = session;
        if (s == null || m.receiverIndex() != s.localIndex) {
            return;
        }
        byte[] plaintext;
        try {
            plaintext = NoiseCrypto.decrypt(s.receiveKey, m.counter(), WireCodec.transportHeaderOf(datagram), m.ciphertext());
        } catch (NoiseException e) {
            return;
        }
        if (!s.window.accept(m.counter())) {
            return;
        }
        s.lastReceived = clock.now();
        Payload payload;
        try {
            payload = PayloadCodec.decode(plaintext);
        } catch (WireFormatException e) {
            return;
        }
        switch (payload) {
            case Payload.PeerInfo p -> {
                s.peersSinceSent++;
                listener.peer(p.view());
                completeIfAllPeersArrived(s);
            }
            case Payload.AnnounceAck a -> onAck(s, a);
            case Payload.PathChallenge c -> send(s, new Payload.PathResponse(c.data()));
            case Payload.Push p -> {
                send(s, new Payload.PushAck(p.id()));
                listener.peer(p.view());
            }
            case Payload.Error e -> {
                if (e.code() == Payload.Error.NOT_ANNOUNCED) {
                    startAnnouncing(s);
                } else {
                    listener.problem("coordinator error " + e.code() + ": " + e.text());
                }
            }
            default -> { }
        }
    }

    private void onAck(Session s, Payload.AnnounceAck ack) {
        if (s.chunk >= s.chunks.size() || s.chunks.get(s.chunk).sequence() != ack.sequence()) {
            return;
        }
        if (s.chunk + 1 < s.chunks.size()) {
            s.chunk++;
            s.chunkAttempts = 0;
            sendChunk(s);
            return;
        }
        // The last part: done once the PeerInfo messages it announced have all arrived; if some
        // are lost, the tick re-sends the part (same sequence) and the coordinator answers again.
        s.expectedPeers = ack.peers();
        completeIfAllPeersArrived(s);
    }

    private void completeIfAllPeersArrived(Session s) {
        if (s.chunk == s.chunks.size() - 1 && s.expectedPeers >= 0 && s.peersSinceSent >= s.expectedPeers) {
            s.chunk++;
            s.announcedAt = clock.now();
            if (!s.announced) {
                s.announced = true;
                listener.announced();
            }
        }
    }

    private void startAnnouncing(Session s) {
        desired.ifPresent(d -> {
            s.chunks = chunks(d);
            s.chunk = 0;
            s.chunkAttempts = 0;
            sendChunk(s);
        });
    }

    private void sendChunk(Session s) {
        s.chunkAttempts++;
        s.peersSinceSent = 0;
        s.expectedPeers = -1;
        s.chunkSentAt = clock.now();
        send(s, s.chunks.get(s.chunk));
    }

    private void send(Session s, Payload payload) {
        long counter = s.sendCounter++;
        byte[] header = WireCodec.transportHeader(s.remoteIndex, counter);
        byte[] ciphertext = NoiseCrypto.encrypt(s.sendKey, counter, header, PayloadCodec.encode(payload));
        s.lastSent = clock.now();
        out.accept(WireCodec.encode(new WireMessage.Transport(s.remoteIndex, counter, ciphertext)));
    }

    /**
     * Splits the wanted peers so each announcement fits one datagram even inside a handshake
     * initiation (the tightest case); the first replaces, the rest append.
     */
    List<Payload.Announce> chunks(CoordinatorClient.Announce announce) {
        int budget = WireCodec.MAX_DATAGRAM - 8 - NoiseIk.MESSAGE1_OVERHEAD - 1 - Tai64n.LENGTH;
        List<Map.Entry<PublicKey, dev.wireplug.domain.rendezvous.SealedHint>> wants = new ArrayList<>(announce.wants().entrySet());
        wants.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        List<Payload.Announce> chunks = new ArrayList<>();
        List<Payload.WantedPeer> current = new ArrayList<>();
        for (var entry : wants) {
            Payload.WantedPeer peer = new Payload.WantedPeer(entry.getKey(), entry.getValue());
            current.add(peer);
            if (current.size() > 255 || PayloadCodec.encode(trial(announce, current)).length > budget) {
                current.remove(current.size() - 1);
                chunks.add(build(announce, chunks.isEmpty(), current));
                current = new ArrayList<>(List.of(peer));
            }
        }
        chunks.add(build(announce, chunks.isEmpty(), current));
        return chunks;
    }

    /** Same size as the real part: only the sequence differs, and it is fixed-width. */
    private static Payload.Announce trial(CoordinatorClient.Announce a, List<Payload.WantedPeer> wants) {
        return new Payload.Announce(0, a.wireGuardPort(), a.natKind(), a.mapped(), true, wants);
    }

    private Payload.Announce build(CoordinatorClient.Announce a, boolean first, List<Payload.WantedPeer> wants) {
        return new Payload.Announce(nextSequence++, a.wireGuardPort(), a.natKind(), a.mapped(), !first, wants);
    }

    private static Duration backoff(int attempt) {
        Duration d = HANDSHAKE_RETRY_FIRST.multipliedBy(1L << Math.min(attempt, 4));
        return d.compareTo(HANDSHAKE_RETRY_MAX) > 0 ? HANDSHAKE_RETRY_MAX : d;
    }

    private int freshIndex() {
        int index;
        do {
            index = random.nextInt();
        } while (index == 0);
        return index;
    }
}
