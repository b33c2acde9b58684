package dev.wireplug.adapters.transport.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.adapters.transport.client.ClientProtocol;
import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Client and coordinator protocol engines talking over an in-memory network with a fake clock:
 * the whole conversation, the attacks of issue 5, and a coordinator restart, without sockets.
 */
class ProtocolConversationTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 3478);
    private final SecureRandom random = new SecureRandom();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final ArrayDeque<Object[]> network = new ArrayDeque<>();
    private final List<Object[]> capturedToServer = new ArrayList<>();
    private final List<int[]> unauthenticatedSizes = new ArrayList<>();
    private final MapRendezvousStore store = new MapRendezvousStore();
    private final KeyPair serverKey = keyPair();
    private CoordinatorProtocol server = newServer();
    private final Map<InetSocketAddress, Client> clients = new HashMap<>();
    /** Datagrams to the server held back instead of delivered, while {@link #holdInitiations} is set. */
    private final List<Object[]> held = new ArrayList<>();
    private boolean holdInitiations;
    /** Probability of losing each datagram, with a seeded generator so a failure replays. */
    private double loss;
    private final Random lossy = new Random(42);

    private CoordinatorProtocol newServer() {
        CoordinatorProtocol[] self = new CoordinatorProtocol[1];
        RendezvousService service = new RendezvousService(store, (k, v) -> self[0].push(k, v), () -> now, Duration.ofSeconds(90));
        self[0] = new CoordinatorProtocol(serverKey, () -> service, () -> now, random,
                (bytes, to, from) -> network.add(new Object[] {bytes, from, to}), CoordinatorSettings.defaults());
        return self[0];
    }

    private KeyPair keyPair() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new KeyPair(PrivateKey.of(secret), PublicKey.of(NoiseCrypto.publicKey(secret)));
    }

    final class Client implements CoordinatorClient.Listener {
        final KeyPair key = keyPair();
        InetSocketAddress address;
        final ClientProtocol protocol;
        final Map<PublicKey, PeerView> peers = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        Optional<Endpoint> observed = Optional.empty();

        Client(String address) {
            this.address = new InetSocketAddress(address, 40000);
            this.protocol = new ClientProtocol(key, serverKey.publicKey(), () -> now, random,
                    bytes -> network.add(new Object[] {bytes, this.address, SERVER}), this);
            clients.put(this.address, this);
        }

        @Override
        public void peer(PeerView view) {
            peers.put(view.peer(), view);
        }

        @Override
        public void observed(Endpoint endpoint) {
            observed = Optional.of(endpoint);
        }

        @Override
        public void problem(String text) {
            problems.add(text);
        }

        void announce(int port, Client... wanted) {
            Map<PublicKey, SealedHint> wants = new HashMap<>();
            for (Client c : wanted) {
                wants.put(c.key.publicKey(), SealedHint.of(new byte[] {1, 2, 3}));
            }
            protocol.announce(new CoordinatorClient.Announce(port, NatKind.FIXED_MAPPING, Optional.empty(), wants));
        }
    }

    private void pump() {
        int guard = 0;
        while (!network.isEmpty()) {
            if (++guard > 10_000) {
                fail("the conversation does not settle");
            }
            Object[] d = network.poll();
            if (loss > 0 && lossy.nextDouble() < loss) {
                continue;
            }
            byte[] bytes = (byte[]) d[0];
            InetSocketAddress from = (InetSocketAddress) d[1];
            InetSocketAddress to = (InetSocketAddress) d[2];
            if (to.equals(SERVER) && holdInitiations && (bytes[0] & 0xff) == WireCodec.TYPE_HANDSHAKE_INITIATION) {
                held.add(d);
                continue;
            }
            if (to.equals(SERVER)) {
                capturedToServer.add(d);
                server.onDatagram(bytes, from, SERVER);
            } else {
                Client c = clients.get(to);
                if (c != null) {
                    c.protocol.onDatagram(bytes);
                }
            }
        }
    }

    private void advance(Duration d) {
        Instant end = now.plus(d);
        while (now.isBefore(end)) {
            now = now.plusMillis(250);
            clients.values().forEach(c -> c.protocol.tick());
            server.tick();
            pump();
        }
    }

    private PeerRecord record(Client c) {
        return store.get(c.key.publicKey()).orElseThrow();
    }

    @Test
    void twoPeersThatListEachOtherLearnEachOthersEndpoints() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.announce(51820, b);
        pump();
        assertTrue(a.peers.isEmpty(), "B has not announced yet");
        assertEquals(Optional.of(new Endpoint(a.address.getAddress(), 40000)), a.observed);
        b.announce(51821, a);
        pump();
        PeerView bSeesA = b.peers.get(a.key.publicKey());
        PeerView aSeesB = a.peers.get(b.key.publicKey());
        assertEquals(new Endpoint(a.address.getAddress(), 40000), bSeesA.observed());
        assertEquals(51820, bSeesA.wireGuardPort());
        assertEquals(SealedHint.of(new byte[] {1, 2, 3}), bSeesA.hint());
        assertEquals(51821, aSeesB.wireGuardPort(), "A was pushed B's record the moment B announced");
    }

    @Test
    void aRoamingPeersNewAddressIsPushedOnItsFirstMessageFromThere() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.announce(51820, b);
        b.announce(51821, a);
        pump();
        clients.remove(a.address);
        a.address = new InetSocketAddress("198.18.4.4", 40000);
        clients.put(a.address, a);
        Instant roamedAt = now;
        a.announce(51820, b); // what the daemon does on a network change event
        pump();
        assertEquals(new Endpoint(a.address.getAddress(), 40000), b.peers.get(a.key.publicKey()).observed());
        assertEquals(roamedAt, now, "pushed within the same exchange, no timer involved");
        assertEquals(new Endpoint(a.address.getAddress(), 40000), record(a).announcement().observed());
    }

    @Test
    void aSilentRebindingIsNoticedAtTheNextKeepalive() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.announce(51820, b);
        b.announce(51821, a);
        pump();
        clients.remove(a.address);
        a.address = new InetSocketAddress("198.18.1.1", 41234); // the NAT gave a new port
        clients.put(a.address, a);
        advance(Duration.ofSeconds(25));
        assertEquals(41234, b.peers.get(a.key.publicKey()).observed().port());
    }

    @Test
    void anAnnouncementMadeDuringAReHandshakeIsNotUndoneByTheOlderHello() {
        Client a = new Client("198.18.1.1");
        a.announce(51820);
        pump();
        server = newServer(); // the coordinator restarts: the next keepalive earns "unknown session"
        holdInitiations = true;
        advance(CoordinatorSettings.defaults().keepalive().plusMillis(250)); // one client keepalive
        assertEquals(1, held.size(), "the re-handshake is in flight");
        a.announce(52000); // the user changes port meanwhile; it goes out on the old session
        pump();
        holdInitiations = false;
        network.addAll(held); // the initiation, carrying 51820, arrives late
        pump();
        assertEquals(52000, record(a).announcement().wireGuardPort());
    }

    @Test
    void retransmissionsGetThroughAThirtyPercentLossyNetwork() {
        loss = 0.3;
        for (int round = 0; round < 20; round++) {
            store.removeExpired(Instant.MAX);
            clients.clear();
            server = newServer();
            Client a = new Client("198.18.1.1");
            Client b = new Client("198.18.2.2");
            a.announce(51820, b);
            b.announce(51821, a);
            Instant start = now;
            while (!(a.peers.containsKey(b.key.publicKey()) && b.peers.containsKey(a.key.publicKey()))) {
                if (Duration.between(start, now).toSeconds() > 60) {
                    fail("round " + round + ": peers did not find each other within 60 s of 30% loss");
                }
                advance(Duration.ofMillis(250));
            }
            times.add(Duration.between(start, now).toMillis());
        }
        times.sort(null);
        System.out.printf("30%% loss, 20 rounds, time until both peers know each other (simulated): median %d ms, max %d ms%n",
                times.get(times.size() / 2), times.get(times.size() - 1));
    }

    private final List<Long> times = new ArrayList<>();

    /**
     * Drives the clients the way the Netty adapter does: each ticks only when its
     * {@link ClientProtocol#nextDue} has come, never on a beat. In between, every client is also
     * ticked early, and must send nothing then.
     */
    private void advanceWhenDue(Duration d) {
        Instant end = now.plus(d);
        while (now.isBefore(end)) {
            Instant serverTick = now.plusMillis(250);
            Instant next = clients.values().stream().flatMap(c -> c.protocol.nextDue().stream())
                    .filter(due -> due.isBefore(serverTick)).min(Instant::compareTo).orElse(serverTick);
            if (next.isAfter(now)) {
                now = next.minusMillis(1);
                int before = network.size();
                clients.values().forEach(c -> c.protocol.tick());
                assertEquals(before, network.size(), "a tick before the due moment sent something");
                now = next;
            }
            for (Client c : List.copyOf(clients.values())) {
                if (c.protocol.nextDue().filter(due -> !due.isAfter(now)).isPresent()) {
                    c.protocol.tick();
                }
            }
            if (!now.isBefore(serverTick)) {
                server.tick();
            }
            pump();
        }
    }

    @Test
    void anIdleSessionIsNextDueForItsKeepaliveOnly() {
        Client a = new Client("198.18.1.1");
        a.announce(51820);
        pump();
        Instant established = now;
        assertEquals(Optional.of(established.plus(CoordinatorSettings.defaults().keepalive())), a.protocol.nextDue(),
                "an idle client sleeps until its keepalive");
        int sent = capturedToServer.size();
        now = established.plus(CoordinatorSettings.defaults().keepalive());
        a.protocol.tick();
        pump();
        assertEquals(sent + 1, capturedToServer.size(), "the keepalive goes out when due");
        assertTrue(a.protocol.nextDue().orElseThrow().isAfter(now), "and the next one is later");
    }

    @Test
    void nothingToAnnounceIsNeverDue() {
        Client a = new Client("198.18.1.1");
        assertEquals(Optional.empty(), a.protocol.nextDue());
    }

    @Test
    void tickingOnlyWhenDueGetsThroughALossyNetworkAndKeepsSessionsAlive() {
        loss = 0.3;
        for (int round = 0; round < 10; round++) {
            store.removeExpired(Instant.MAX);
            clients.clear();
            server = newServer();
            Client a = new Client("198.18.1.1");
            Client b = new Client("198.18.2.2");
            a.announce(51820, b);
            b.announce(51821, a);
            Instant start = now;
            while (!(a.peers.containsKey(b.key.publicKey()) && b.peers.containsKey(a.key.publicKey()))) {
                if (Duration.between(start, now).toSeconds() > 60) {
                    fail("round " + round + ": peers did not find each other within 60 s of 30% loss");
                }
                advanceWhenDue(Duration.ofMillis(250));
            }
        }
        loss = 0;
        Client a = clients.values().iterator().next();
        advanceWhenDue(Duration.ofMinutes(3));
        assertTrue(store.get(a.key.publicKey()).isPresent(), "keepalives sent when due keep the record alive");
    }

    @Test
    void aChangeOfPortIsPushedToThePeer() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.announce(51820, b);
        b.announce(51821, a);
        pump();
        a.announce(52000, b);
        pump();
        assertEquals(52000, b.peers.get(a.key.publicKey()).wireGuardPort());
    }

    @Test
    void anotherKeyCannotChangeARecordAndLearnsNothingItWasNotGranted() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        Client mallory = new Client("198.18.6.6");
        a.announce(51820, b);
        b.announce(51821, a);
        pump();
        PeerRecord before = record(a);
        mallory.announce(1, a, b);
        pump();
        assertEquals(before, record(a));
        assertTrue(mallory.peers.isEmpty());
        assertFalse(a.peers.containsKey(mallory.key.publicKey()));
    }

    @Test
    void replayedCapturesFromAnotherAddressChangeNothing() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.announce(51820, b);
        b.announce(51821, a);
        pump();
        List<Object[]> captured = List.copyOf(capturedToServer);
        PeerRecord before = record(a);
        InetSocketAddress attacker = new InetSocketAddress("198.18.9.9", 40001);
        network.clear();
        for (Object[] d : captured) {
            server.onDatagram((byte[]) d[0], attacker, SERVER);
        }
        // Even long after, when the timestamps of the captures are old news.
        now = now.plusSeconds(30);
        for (Object[] d : captured) {
            server.onDatagram((byte[]) d[0], attacker, SERVER);
        }
        assertEquals(before.announcement(), record(a).announcement());
        assertTrue(network.stream().noneMatch(d -> ((byte[]) d[0]).length > 60 && d[2].equals(attacker)),
                "the attacker's address got nothing but, at most, short unauthenticated notices");
        assertTrue(server.counters().replays.get() > 0);
    }

    @Test
    void aKeyHolderSpoofingAVictimsAddressCannotRedirectItsRecordNorAmplify() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.announce(51820, b);
        b.announce(51821, a);
        pump();
        InetSocketAddress victim = new InetSocketAddress("198.18.66.66", 53);
        // A's own fresh, authenticated messages (not replays), sent with the victim's source address.
        a.announce(51820, b);
        a.announce(51822, b);
        int fromVictim = 0;
        int toVictim = 0;
        List<Object[]> spoofed = new ArrayList<>(network);
        network.clear();
        for (Object[] d : spoofed) {
            fromVictim += ((byte[]) d[0]).length;
            server.onDatagram((byte[]) d[0], victim, SERVER);
        }
        for (Object[] d : network) {
            if (d[2].equals(victim)) {
                toVictim += ((byte[]) d[0]).length;
            }
        }
        network.clear();
        System.out.printf("spoofing: %d bytes from the victim's address, %d bytes to it%n", fromVictim, toVictim);
        assertTrue(toVictim <= 3 * fromVictim, "at most 3x toward an unvalidated address");
        assertEquals(new Endpoint(a.address.getAddress(), 40000), record(a).announcement().observed(),
                "the record still points at the address that proved it receives");
        assertEquals(new Endpoint(a.address.getAddress(), 40000), b.peers.get(a.key.publicKey()).observed());
        // When A next speaks from its real address, everything carries on there.
        a.announce(51823, b);
        pump();
        assertEquals(51823, b.peers.get(a.key.publicKey()).wireGuardPort());
        assertEquals(new Endpoint(a.address.getAddress(), 40000), b.peers.get(a.key.publicKey()).observed());
    }

    @Test
    void unauthenticatedDatagramsNeverGetALongerAnswer() {
        Random r = new Random(1);
        InetSocketAddress source = new InetSocketAddress("198.18.7.7", 5000);
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[2 + r.nextInt(1300)];
            r.nextBytes(junk);
            junk[0] = (byte) (0x91 + r.nextInt(5));
            if (r.nextBoolean()) {
                junk[1] = (byte) r.nextInt(4);
            }
            network.clear();
            try {
                server.onDatagram(junk, source, SERVER);
            } catch (RuntimeException e) {
                fail("datagram raised " + e, e);
            }
            for (Object[] d : network) {
                assertTrue(((byte[]) d[0]).length <= junk.length, "amplification");
            }
        }
    }

    @Test
    void anOldClientIsToldToUpgrade() {
        Client a = new Client("198.18.1.1");
        byte[] future = WireCodec.encode(new dev.wireplug.adapters.transport.wire.WireMessage.UnknownSession(1));
        future[1] = 9;
        network.clear();
        server.onDatagram(future, a.address, SERVER);
        assertEquals(1, network.size());
        a.protocol.announce(new CoordinatorClient.Announce(1, NatKind.UNKNOWN, Optional.empty(), Map.of()));
        network.clear();
        a.protocol.onDatagram(WireCodec.encode(new dev.wireplug.adapters.transport.wire.WireMessage.UpgradeRequired(2, 3)));
        assertEquals(1, a.problems.size());
        assertTrue(a.problems.get(0).contains("upgrade"), a.problems.get(0));
        advance(Duration.ofSeconds(30));
        assertFalse(a.protocol.hasSession(), "paused: no handshake while the coordinator asks for an upgrade");
        advance(Duration.ofSeconds(40));
        assertTrue(a.protocol.hasSession(), "but never for good: the notice is unauthenticated");
        a.protocol.onDatagram(WireCodec.encode(new dev.wireplug.adapters.transport.wire.WireMessage.UpgradeRequired(2, 3)));
        assertEquals(1, a.problems.size(), "ignored while a session proves the coordinator speaks our version");
    }

    @Test
    void aRestartedCoordinatorIsRepopulatedWithinSeconds() {
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.announce(51820, b);
        b.announce(51821, a);
        pump();
        server = newServer();
        store.removeExpired(Instant.MAX);
        a.peers.clear();
        b.peers.clear();
        advance(Duration.ofSeconds(45));
        assertEquals(2, store.size());
        assertTrue(a.peers.containsKey(b.key.publicKey()));
        assertTrue(b.peers.containsKey(a.key.publicKey()));
    }

    @Test
    void aLongListOfPeersIsSplitAcrossMessagesAndAllArrive() {
        Client a = new Client("198.18.1.1");
        List<Client> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(new Client("198.18.3." + (i + 1)));
        }
        a.announce(51820, many.toArray(Client[]::new));
        pump();
        assertEquals(60, record(a).announcement().wants().size());
        for (Client c : many) {
            c.announce(51820, a);
        }
        pump();
        assertEquals(60, a.peers.size());
    }

    @Test
    void sessionsKeepRecordsAliveAndIdleOnesExpire() {
        Client a = new Client("198.18.1.1");
        a.announce(51820);
        pump();
        advance(Duration.ofSeconds(300));
        server.sweep();
        assertTrue(store.get(a.key.publicKey()).isPresent(), "keepalives extended the record");
        clients.clear();
        now = now.plusSeconds(400);
        server.sweep();
        assertEquals(0, store.size());
        assertEquals(0, server.sessionCount());
    }

    @Test
    void aPathReportReachesTheRendezvousUnderTheSessionsAuthenticatedKey() {
        List<String> reports = new ArrayList<>();
        CoordinatorProtocol[] self = new CoordinatorProtocol[1];
        RendezvousService service = new RendezvousService(store, (k, v) -> self[0].push(k, v), () -> now,
                Duration.ofSeconds(90));
        dev.wireplug.application.port.in.RendezvousUseCase recording =
                new dev.wireplug.application.port.in.RendezvousUseCase() {
                    @Override
                    public List<PeerView> announce(dev.wireplug.domain.rendezvous.Announcement announcement) {
                        return service.announce(announcement);
                    }

                    @Override
                    public boolean seen(PublicKey key, Endpoint observed) {
                        return service.seen(key, observed);
                    }

                    @Override
                    public int expire() {
                        return service.expire();
                    }

                    @Override
                    public void reportPath(PublicKey reporter, PublicKey peer,
                            dev.wireplug.domain.endpoint.DirectPathReport report) {
                        reports.add(reporter.shortForm() + "->" + peer.shortForm() + ":" + report);
                    }
                };
        self[0] = new CoordinatorProtocol(serverKey, () -> recording, () -> now, random,
                (bytes, to, from) -> network.add(new Object[] {bytes, from, to}), CoordinatorSettings.defaults());
        server = self[0];
        Client a = new Client("198.18.1.1");
        Client b = new Client("198.18.2.2");
        a.protocol.reportPath(b.key.publicKey(), dev.wireplug.domain.endpoint.DirectPathReport.DIRECT_WORKS);
        pump();
        assertTrue(reports.isEmpty(), "no session yet: nothing is sent");
        a.announce(51820, b);
        pump();
        a.protocol.reportPath(b.key.publicKey(), dev.wireplug.domain.endpoint.DirectPathReport.DIRECT_FAILING);
        pump();
        assertEquals(List.of(a.key.publicKey().shortForm() + "->" + b.key.publicKey().shortForm() + ":DIRECT_FAILING"),
                reports);
    }
}
