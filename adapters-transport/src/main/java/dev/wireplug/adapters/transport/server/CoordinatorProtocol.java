package dev.wireplug.adapters.transport.server;

import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.noise.NoiseException;
import dev.wireplug.adapters.transport.noise.NoiseIk;
import dev.wireplug.adapters.transport.noise.TransportKeys;
import dev.wireplug.adapters.transport.wire.Payload;
import dev.wireplug.adapters.transport.wire.PayloadCodec;
import dev.wireplug.adapters.transport.wire.ReplayWindow;
import dev.wireplug.adapters.transport.wire.Tai64n;
import dev.wireplug.adapters.transport.wire.UnsupportedVersionException;
import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.adapters.transport.wire.WireFormatException;
import dev.wireplug.adapters.transport.wire.WireMessage;
import dev.wireplug.application.port.in.RendezvousUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The coordinator's side of the protocol (docs/protocol.md), free of Netty: datagrams in, datagrams
 * out through an {@link Outbox}, decisions delegated to the {@link RendezvousUseCase}.
 *
 * <p>Rules that make it safe to expose: an unauthenticated datagram never gets an answer longer
 * than itself (anti-amplification) and costs at most one DH per token of its source's bucket; a
 * handshake changes no record by itself, only the client's first transport message from the
 * address does, which only the holder of the handshake keys can produce; a replayed transport
 * message is dropped by the replay window before it is looked at.
 *
 * <p>Logging: events an unauthenticated sender can cause (upgrade requests, replays) are DEBUG, so
 * nobody can flood the log; the {@link Counters} count them all.
 */
public final class CoordinatorProtocol {
    private static final System.Logger LOG = System.getLogger(CoordinatorProtocol.class.getName());
    /** Toward an address not yet validated, at most this many bytes per byte received (as QUIC, RFC 9000 section 8). */
    static final int AMPLIFICATION_FACTOR = 3;

    private final KeyPair serverKey;
    private final Supplier<RendezvousUseCase> rendezvous;
    private final Clock clock;
    private final SecureRandom random;
    private final Outbox outbox;
    private final CoordinatorSettings settings;
    private final RateLimiter limiter;

    private final Map<Integer, Session> sessions = new HashMap<>();
    private final Map<PublicKey, Session> confirmed = new HashMap<>();
    private final Map<PublicKey, Tai64n> lastHandshake = new HashMap<>();
    /** Unconfirmed sessions per key, so confirming one need not scan every session (it is per handshake). */
    private final Map<PublicKey, List<Integer>> unconfirmed = new HashMap<>();
    private final Counters counters = new Counters();

    /**
     * @param rendezvous supplied lazily: the use case needs this object's {@link SessionPeerNotifier}
     */
    public CoordinatorProtocol(KeyPair serverKey, Supplier<RendezvousUseCase> rendezvous, Clock clock,
            SecureRandom random, Outbox outbox, CoordinatorSettings settings) {
        this.serverKey = serverKey;
        this.rendezvous = rendezvous;
        this.clock = clock;
        this.random = random;
        this.outbox = outbox;
        this.settings = settings;
        this.limiter = new RateLimiter(settings.handshakesPerSecond(), Math.max(1, settings.handshakesPerSecond() * 4));
    }

    /** Counts what happened, for logs and tests; never per-client data. */
    public static final class Counters {
        public final AtomicLong handshakes = new AtomicLong();
        public final AtomicLong dropped = new AtomicLong();
        public final AtomicLong replays = new AtomicLong();
        public final AtomicLong rateLimited = new AtomicLong();
        public final AtomicLong upgradeReplies = new AtomicLong();
        public final AtomicLong announcements = new AtomicLong();
        public final AtomicLong pushes = new AtomicLong();
    }

    public Counters counters() {
        return counters;
    }

    private static final class Session {
        final int localIndex;
        final int remoteIndex;
        final PublicKey peer;
        final byte[] sendKey;
        final byte[] receiveKey;
        final ReplayWindow window = new ReplayWindow();
        long sendCounter;
        InetSocketAddress endpoint;
        InetSocketAddress local;
        Instant lastSeen;
        boolean isConfirmed;
        Payload.Announce pendingAnnounce;
        Map<PublicKey, SealedHint> wants = new LinkedHashMap<>();
        int lastSequence = Integer.MIN_VALUE;
        Payload.Announce lastAnnounce;
        /** The address shown to receive what we send: the record's observed address. */
        InetSocketAddress validated;
        long challenge;
        /** Bytes we may still send to {@link #endpoint} while it is not {@link #validated}. */
        long budget;
        boolean starved;
        int nextPushId = 1;
        /** Unacknowledged pushes, the latest per peer: an older view of the same peer is moot. */
        final Map<PublicKey, PendingPush> pushes = new LinkedHashMap<>();

        Session(int localIndex, int remoteIndex, PublicKey peer, TransportKeys keys, InetSocketAddress endpoint,
                InetSocketAddress local, Instant now) {
            this.localIndex = localIndex;
            this.remoteIndex = remoteIndex;
            this.peer = peer;
            this.sendKey = keys.sendKey();
            this.receiveKey = keys.receiveKey();
            this.endpoint = endpoint;
            this.validated = endpoint;
            this.local = local;
            this.lastSeen = now;
        }
    }

    private static final class PendingPush {
        final Payload.Push push;
        Instant sentAt;
        int attempts;

        PendingPush(Payload.Push push, Instant sentAt) {
            this.push = push;
            this.sentAt = sentAt;
            this.attempts = 1;
        }
    }

    static final java.time.Duration PUSH_RETRY = java.time.Duration.ofMillis(500);
    static final int PUSH_ATTEMPTS = 8;

    /** One datagram of ours (the caller already routed STUN elsewhere). */
    public synchronized void onDatagram(byte[] datagram, InetSocketAddress sender, InetSocketAddress local) {
        WireMessage message;
        try {
            message = WireCodec.decode(datagram);
        } catch (UnsupportedVersionException e) {
            answerUpgrade(datagram, sender, local, e.version());
            return;
        } catch (WireFormatException e) {
            counters.dropped.incrementAndGet();
            return;
        }
        switch (message) {
            case WireMessage.HandshakeInitiation m -> onInitiation(m, datagram.length, sender, local);
            case WireMessage.Transport m -> onTransport(m, datagram, sender, local);
            case WireMessage.KeyRequest m -> answerKeyRequest(sender, local);
            default -> counters.dropped.incrementAndGet(); // responses and notices are for clients
        }
    }

    /** Trust on first use: tell a client without a pinned key which one we hold (never secret). */
    private void answerKeyRequest(InetSocketAddress sender, InetSocketAddress local) {
        if (!limiter.allow(sender.getAddress(), nanos())) {
            counters.rateLimited.incrementAndGet();
            return;
        }
        outbox.send(WireCodec.encode(new WireMessage.CoordinatorKey(serverKey.publicKey().bytes())), sender, local);
    }

    private void answerUpgrade(byte[] datagram, InetSocketAddress sender, InetSocketAddress local, int version) {
        byte[] reply = WireCodec.encode(new WireMessage.UpgradeRequired(WireCodec.MIN_VERSION, WireCodec.VERSION));
        if (reply.length > datagram.length || !limiter.allow(sender.getAddress(), nanos())) {
            counters.rateLimited.incrementAndGet();
            return;
        }
        counters.upgradeReplies.incrementAndGet();
        LOG.log(Level.DEBUG, "event=upgrade-required client-version={0}", version);
        outbox.send(reply, sender, local);
    }

    private void onInitiation(WireMessage.HandshakeInitiation m, int requestLength, InetSocketAddress sender,
            InetSocketAddress local) {
        if (!limiter.allow(sender.getAddress(), nanos())) {
            counters.rateLimited.incrementAndGet();
            return;
        }
        if (sessions.size() >= settings.maxSessions()) {
            counters.dropped.incrementAndGet();
            return;
        }
        byte[] ephemeral = new byte[32];
        random.nextBytes(ephemeral);
        NoiseIk.Responder responder = new NoiseIk.Responder(WireCodec.PROLOGUE, serverKey.privateKey().bytes(),
                serverKey.publicKey().bytes(), ephemeral);
        Payload.Hello hello;
        PublicKey client;
        try {
            Payload payload = PayloadCodec.decode(responder.readMessage1(m.noise()));
            if (!(payload instanceof Payload.Hello h) || h.announce().append()) {
                counters.dropped.incrementAndGet();
                return;
            }
            hello = h;
            client = PublicKey.of(responder.remoteStatic());
        } catch (NoiseException | WireFormatException e) {
            counters.dropped.incrementAndGet();
            return;
        }
        Tai64n last = lastHandshake.get(client);
        if (last != null && hello.timestamp().compareTo(last) <= 0) {
            counters.replays.incrementAndGet();
            LOG.log(Level.DEBUG, "event=handshake-replay key={0}", client.shortForm());
            return;
        }
        lastHandshake.put(client, hello.timestamp());
        int index = freshIndex();
        Payload.Welcome welcome = new Payload.Welcome(endpoint(sender), (int) settings.keepalive().toSeconds(),
                (int) settings.recordTtl().toSeconds());
        byte[] response;
        TransportKeys keys;
        try {
            byte[] noise = responder.writeMessage2(PayloadCodec.encode(welcome));
            keys = responder.split();
            response = WireCodec.encode(new WireMessage.HandshakeResponse(index, m.senderIndex(), noise));
        } catch (NoiseException e) {
            counters.dropped.incrementAndGet();
            return;
        }
        if (response.length > requestLength) {
            // Cannot happen with the layouts of version 1 (a response is at least 48 bytes
            // shorter); kept so a future payload can never turn us into an amplifier.
            counters.dropped.incrementAndGet();
            return;
        }
        Session session = new Session(index, m.senderIndex(), client, keys, sender, local, clock.now());
        session.pendingAnnounce = hello.announce();
        sessions.put(index, session);
        unconfirmed.computeIfAbsent(client, k -> new ArrayList<>(1)).add(index);
        counters.handshakes.incrementAndGet();
        LOG.log(Level.INFO, "event=handshake key={0} session={1}", client.shortForm(), Integer.toHexString(index));
        outbox.send(response, sender, local);
    }

    private void onTransport(WireMessage.Transport m, byte[] datagram, InetSocketAddress sender, InetSocketAddress local) {
        Session session = sessions.get(m.receiverIndex());
        if (session == null) {
            byte[] reply = WireCodec.encode(new WireMessage.UnknownSession(m.receiverIndex()));
            if (reply.length <= datagram.length && limiter.allow(sender.getAddress(), nanos())) {
                outbox.send(reply, sender, local);
            } else {
                counters.rateLimited.incrementAndGet();
            }
            return;
        }
        byte[] plaintext;
        try {
            plaintext = NoiseCrypto.decrypt(session.receiveKey, m.counter(), WireCodec.transportHeaderOf(datagram),
                    m.ciphertext());
        } catch (NoiseException e) {
            counters.dropped.incrementAndGet();
            return;
        }
        if (!session.window.accept(m.counter())) {
            counters.replays.incrementAndGet();
            return;
        }
        session.lastSeen = clock.now();
        session.local = local;
        boolean challenge = false;
        if (!sender.equals(session.endpoint)) {
            // A roam, a NAT rebinding, or the key's holder spoofing someone else's address: only
            // an echo of a challenge sent there shows the address really receives.
            session.endpoint = sender;
            if (!sender.equals(session.validated)) {
                session.challenge = random.nextLong();
                session.budget = 0;
                session.starved = false;
                challenge = true;
            }
        }
        if (!session.endpoint.equals(session.validated)) {
            session.budget += (long) AMPLIFICATION_FACTOR * datagram.length;
        }
        if (challenge) {
            send(session, new Payload.PathChallenge(session.challenge));
        }
        Payload payload;
        try {
            payload = PayloadCodec.decode(plaintext);
        } catch (WireFormatException e) {
            send(session, new Payload.Error(Payload.Error.BAD_MESSAGE, e.getMessage()));
            return;
        }
        if (!session.isConfirmed) {
            confirm(session);
            Payload.Announce first = session.pendingAnnounce;
            session.pendingAnnounce = null;
            announce(session, first);
        }
        switch (payload) {
            case Payload.Announce a -> announce(session, a);
            case Payload.Keepalive k -> {
                if (!rendezvous.get().seen(session.peer, endpoint(session.validated))) {
                    send(session, new Payload.Error(Payload.Error.NOT_ANNOUNCED, "no live record: announce again"));
                } else {
                    send(session, new Payload.Keepalive());
                }
            }
            case Payload.PushAck ack -> session.pushes.values().removeIf(p -> p.push.id() == ack.id());
            // The reporter is the session's authenticated key, never a field it typed.
            case Payload.PathReport r -> rendezvous.get().reportPath(session.peer, r.peer(), r.report());
            case Payload.PathResponse r -> {
                if (!session.endpoint.equals(session.validated) && r.data() == session.challenge) {
                    session.validated = session.endpoint;
                    LOG.log(Level.INFO, "event=address-validated key={0}", session.peer.shortForm());
                    if (!rendezvous.get().seen(session.peer, endpoint(session.validated))
                            || session.starved) {
                        session.starved = false;
                        if (session.lastAnnounce != null) {
                            announce(session, session.lastAnnounce);
                        }
                    }
                }
            }
            default -> send(session, new Payload.Error(Payload.Error.BAD_MESSAGE, "unexpected message"));
        }
    }

    private void confirm(Session session) {
        session.isConfirmed = true;
        Session previous = confirmed.put(session.peer, session);
        if (previous != null && previous != session) {
            sessions.remove(previous.localIndex);
        }
        // Older pending handshakes of the same key are superseded.
        List<Integer> pending = unconfirmed.remove(session.peer);
        if (pending != null) {
            for (Integer index : pending) {
                Session s = sessions.get(index);
                if (s != null && s != session && !s.isConfirmed && s.peer.equals(session.peer)) {
                    sessions.remove(index);
                }
            }
        }
    }

    private void announce(Session session, Payload.Announce a) {
        if (a.sequence() < session.lastSequence) {
            return; // a late retransmission of a part already superseded: applying it could undo newer parts
        }
        session.lastSequence = a.sequence();
        session.lastAnnounce = a;
        if (!a.append()) {
            session.wants = new LinkedHashMap<>();
        }
        for (Payload.WantedPeer wanted : a.wants()) {
            if (!wanted.key().equals(session.peer)) {
                session.wants.put(wanted.key(), wanted.hint());
            }
        }
        List<PeerView> views;
        try {
            views = rendezvous.get().announce(new Announcement(session.peer, endpoint(session.validated),
                    a.wireGuardPort(), a.natKind(), a.mapped(), session.wants));
        } catch (IllegalArgumentException e) {
            send(session, new Payload.Error(Payload.Error.TOO_MANY, e.getMessage()));
            return;
        }
        counters.announcements.incrementAndGet();
        send(session, new Payload.AnnounceAck(a.sequence(), views.size()));
        for (PeerView view : views) {
            send(session, new Payload.PeerInfo(view));
        }
    }

    /** A confirmed session gets the view at once; no session, no push (see {@link SessionPeerNotifier}). */
    public synchronized void push(PublicKey recipient, PeerView view) {
        Session session = confirmed.get(recipient);
        if (session != null) {
            counters.pushes.incrementAndGet();
            Payload.Push push = new Payload.Push(session.nextPushId++, view);
            session.pushes.put(view.peer(), new PendingPush(push, clock.now()));
            send(session, push);
        }
    }

    /**
     * Retransmits pushes not yet acknowledged (every {@link #PUSH_RETRY}, up to
     * {@link #PUSH_ATTEMPTS} times; the client's periodic announcement covers the rest). Call a
     * few times a second.
     */
    public synchronized void tick() {
        Instant now = clock.now();
        for (Session session : confirmed.values()) {
            Iterator<PendingPush> it = session.pushes.values().iterator();
            while (it.hasNext()) {
                PendingPush pending = it.next();
                if (now.isBefore(pending.sentAt.plus(PUSH_RETRY))) {
                    continue;
                }
                if (pending.attempts >= PUSH_ATTEMPTS) {
                    it.remove();
                    continue;
                }
                pending.attempts++;
                pending.sentAt = now;
                send(session, pending.push);
            }
        }
    }

    private void send(Session session, Payload payload) {
        long counter = session.sendCounter++;
        byte[] header = WireCodec.transportHeader(session.remoteIndex, counter);
        byte[] ciphertext = NoiseCrypto.encrypt(session.sendKey, counter, header, PayloadCodec.encode(payload));
        byte[] datagram = WireCodec.encode(new WireMessage.Transport(session.remoteIndex, counter, ciphertext));
        if (!session.endpoint.equals(session.validated)) {
            if (datagram.length > session.budget) {
                session.starved = true; // resent in full once the address is validated
                counters.dropped.incrementAndGet();
                return;
            }
            session.budget -= datagram.length;
        }
        outbox.send(datagram, session.endpoint, session.local);
    }

    /** Drops idle sessions and stale handshake timestamps, and expires records. Call every few seconds. */
    public synchronized void sweep() {
        Instant now = clock.now();
        Iterator<Session> it = sessions.values().iterator();
        while (it.hasNext()) {
            Session s = it.next();
            Instant deadline = s.lastSeen.plus(s.isConfirmed ? settings.sessionIdle() : settings.pendingTimeout());
            if (!now.isBefore(deadline)) {
                it.remove();
                if (confirmed.get(s.peer) == s) {
                    confirmed.remove(s.peer);
                }
                if (!s.isConfirmed) {
                    List<Integer> pending = unconfirmed.get(s.peer);
                    if (pending != null && pending.remove((Integer) s.localIndex) && pending.isEmpty()) {
                        unconfirmed.remove(s.peer);
                    }
                }
            }
        }
        if (lastHandshake.size() > 2 * Math.max(1024, sessions.size())) {
            // Forgetting a timestamp is safe: a replayed handshake still commits nothing (see above).
            lastHandshake.keySet().retainAll(confirmed.keySet());
        }
        int expired = rendezvous.get().expire();
        if (expired > 0) {
            LOG.log(Level.INFO, "event=records-expired count={0}", expired);
        }
    }

    public synchronized int sessionCount() {
        return sessions.size();
    }

    private int freshIndex() {
        int index;
        do {
            index = random.nextInt();
        } while (index == 0 || sessions.containsKey(index));
        return index;
    }

    private long nanos() {
        Instant now = clock.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static Endpoint endpoint(InetSocketAddress address) {
        return new Endpoint(address.getAddress(), address.getPort());
    }

    /** For tests: a session's current list of wanted peers. */
    synchronized Optional<List<PublicKey>> wantsOf(PublicKey key) {
        Session s = confirmed.get(key);
        return s == null ? Optional.empty() : Optional.of(new ArrayList<>(s.wants.keySet()));
    }
}
