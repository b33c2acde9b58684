package dev.wireplug.adapters.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.transport.client.ClientProtocol;
import dev.wireplug.adapters.transport.crypto.CryptoTestKeys;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.server.MapRendezvousStore;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real wpcod server and real clients with real keys, on 127.0.0.1 only. */
class LoopbackCoordinatorTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Instant::now;
    private final MapRendezvousStore store = new MapRendezvousStore();
    private final KeyPair serverKey = CryptoTestKeys.generate();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private CoordinatorServer server;
    private InetSocketAddress serverAddress;

    @BeforeEach
    void startServer() throws Exception {
        server = new CoordinatorServer(serverKey, notifier -> new RendezvousService(store, notifier, clock, Duration.ofSeconds(90)),
                clock, random, CoordinatorSettings.defaults());
        server.start(new StunServer.Topology(new InetSocketAddress(LOOPBACK, 0), Optional.empty()));
        serverAddress = server.boundAddresses().get(0);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.close();
    }

    final class Peer implements CoordinatorClient.Listener {
        final KeyPair key = CryptoTestKeys.generate();
        final NettyCoordinatorClient client = new NettyCoordinatorClient(key, serverKey.publicKey(), serverAddress,
                new InetSocketAddress(LOOPBACK, 0), clock, random);
        final Map<PublicKey, PeerView> peers = new ConcurrentHashMap<>();
        final CountDownLatch found = new CountDownLatch(1);
        final CountDownLatch announced = new CountDownLatch(1);

        Peer() {
            closeables.add(client);
            client.start(this);
        }

        @Override
        public void peer(PeerView view) {
            peers.put(view.peer(), view);
            found.countDown();
        }

        @Override
        public void announced() {
            announced.countDown();
        }

        void announce(int port, Peer... wanted) {
            Map<PublicKey, SealedHint> wants = new java.util.HashMap<>();
            for (Peer p : wanted) {
                wants.put(p.key.publicKey(), SealedHint.of(new byte[] {7}));
            }
            client.announce(new CoordinatorClient.Announce(port, NatKind.NO_MAPPING, Optional.empty(), wants));
        }
    }

    @Test
    void aClientWithoutAPinnedKeyLearnsTheCoordinatorsKeyOnFirstUse() {
        Optional<PublicKey> learned = new dev.wireplug.adapters.transport.client.UdpCoordinatorKeyProbe()
                .ask(new Endpoint(serverAddress.getAddress(), serverAddress.getPort()), Duration.ofSeconds(2));
        assertEquals(Optional.of(serverKey.publicKey()), learned);
    }

    @Test
    void aKeyProbeOfAPortWhereNobodyAnswersGivesNothingAfterItsTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Optional<PublicKey> learned = new dev.wireplug.adapters.transport.client.UdpCoordinatorKeyProbe()
                    .ask(new Endpoint(LOOPBACK, silent.getLocalPort()), Duration.ofMillis(300));
            assertEquals(Optional.empty(), learned);
        }
    }

    @Test
    void twoRealClientsFindEachOtherAndAThirdKeyChangesNothing() throws Exception {
        long start = System.nanoTime();
        Peer a = new Peer();
        Peer b = new Peer();
        a.announce(51820, b);
        b.announce(51821, a);
        assertTrue(a.found.await(20, TimeUnit.SECONDS), "A learns B");
        assertTrue(b.found.await(20, TimeUnit.SECONDS), "B learns A");
        System.out.printf("loopback: two clients found each other in %.1f ms (epoll=%s)%n",
                (System.nanoTime() - start) / 1e6, Transports.epoll());
        PeerView aSeesB = a.peers.get(b.key.publicKey());
        assertEquals(new Endpoint(LOOPBACK, b.client.localAddress().getPort()), aSeesB.observed());
        assertEquals(51821, aSeesB.wireGuardPort());
        assertEquals(51820, b.peers.get(a.key.publicKey()).wireGuardPort());

        PeerRecord before = store.get(a.key.publicKey()).orElseThrow();
        Peer mallory = new Peer();
        mallory.announce(1, a, b);
        assertTrue(mallory.announced.await(20, TimeUnit.SECONDS));
        assertEquals(before.announcement(), store.get(a.key.publicKey()).orElseThrow().announcement());
        assertTrue(mallory.peers.isEmpty());
        assertEquals(3, store.size());
    }

    @Test
    void aStormOfRandomDatagramsOfEveryKindLeavesTheServerServing() throws Exception {
        java.util.Random rng = new java.util.Random(7);
        int sent = 0;
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < 20_000; i++) {
                byte[] datagram = new byte[rng.nextInt(1400)];
                rng.nextBytes(datagram);
                if (datagram.length >= 8) {
                    switch (i % 3) {
                        case 0 -> { // one of our types, current version, so parsing goes deep
                            datagram[0] = (byte) (0x91 + rng.nextInt(7));
                            datagram[1] = 1;
                            datagram[2] = 0;
                            datagram[3] = 0;
                        }
                        case 1 -> { // STUN-shaped: cookie in place, random rest
                            datagram[0] = (byte) rng.nextInt(2);
                            datagram[4] = 0x21;
                            datagram[5] = 0x12;
                            datagram[6] = (byte) 0xA4;
                            datagram[7] = 0x42;
                        }
                        default -> { } // anything at all
                    }
                }
                attacker.send(new DatagramPacket(datagram, datagram.length, serverAddress));
                sent++;
                if (i % 500 == 0) {
                    Thread.sleep(1); // let the server read rather than measure the socket buffer
                }
            }
        }
        Peer a = new Peer();
        Peer b = new Peer();
        a.announce(51820, b);
        b.announce(51821, a);
        assertTrue(a.found.await(30, TimeUnit.SECONDS), "the server stopped serving after " + sent + " datagrams");
        assertTrue(b.found.await(30, TimeUnit.SECONDS));
        System.out.printf("loopback: server still serving after %d random datagrams%n", sent);
    }

    @Test
    void aChangeIsPushedToThePeerAndARestartedCoordinatorIsRepopulated() throws Exception {
        // A short keepalive so the restart is noticed quickly; the Welcome tells clients the interval.
        server.close();
        CoordinatorSettings fast = new CoordinatorSettings(Duration.ofSeconds(1), Duration.ofSeconds(90),
                Duration.ofSeconds(180), Duration.ofSeconds(10), 5, 1000);
        server = new CoordinatorServer(serverKey, n -> new RendezvousService(store, n, clock, Duration.ofSeconds(90)),
                clock, random, fast);
        server.start(new StunServer.Topology(new InetSocketAddress(LOOPBACK, 0), Optional.empty()));
        serverAddress = server.boundAddresses().get(0);
        Peer a = new Peer();
        Peer b = new Peer();
        a.announce(51820, b);
        b.announce(51821, a);
        assertTrue(b.found.await(20, TimeUnit.SECONDS));
        assertTrue(a.found.await(20, TimeUnit.SECONDS));

        long pushStart = System.nanoTime();
        a.announce(52000, b);
        awaitTrue(() -> b.peers.get(a.key.publicKey()).wireGuardPort() == 52000, "B is pushed A's new port");
        System.out.printf("loopback: a change reached the peer in %.1f ms%n", (System.nanoTime() - pushStart) / 1e6);

        server.close();
        store.removeExpired(Instant.MAX);
        a.peers.clear();
        b.peers.clear();
        long restart = System.nanoTime();
        server = new CoordinatorServer(serverKey, n -> new RendezvousService(store, n, clock, Duration.ofSeconds(90)),
                clock, random, fast);
        server.start(new StunServer.Topology(serverAddress, Optional.empty()));
        awaitTrue(() -> a.peers.containsKey(b.key.publicKey()) && b.peers.containsKey(a.key.publicKey()),
                "both peers are told again by the restarted coordinator");
        System.out.printf("loopback: restarted coordinator repopulated in %.1f ms (keepalive 1 s)%n",
                (System.nanoTime() - restart) / 1e6);
        assertEquals(2, store.size());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aReplayedCapturedAnnouncementFromAnotherPortChangesNothing() throws Exception {
        KeyPair key = CryptoTestKeys.generate();
        List<byte[]> sent = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(50);
            ClientProtocol protocol = new ClientProtocol(key, serverKey.publicKey(), clock, random, bytes -> {
                sent.add(bytes);
                send(socket, bytes);
            }, view -> { });
            protocol.announce(new CoordinatorClient.Announce(51820, NatKind.UNKNOWN, Optional.empty(), Map.of()));
            pumpUntil(socket, protocol, () -> store.get(key.publicKey()).isPresent());
            protocol.announce(new CoordinatorClient.Announce(52000, NatKind.UNKNOWN, Optional.empty(), Map.of()));
            pumpUntil(socket, protocol, () -> store.get(key.publicKey()).orElseThrow().announcement().wireGuardPort() == 52000);
            PeerRecord before = store.get(key.publicKey()).orElseThrow();
            for (byte[] captured : sent) {
                send(attacker, captured);
            }
            Thread.sleep(500);
            PeerRecord after = store.get(key.publicKey()).orElseThrow();
            assertEquals(before.announcement(), after.announcement(), "the replay moved nothing");
            assertEquals(new Endpoint(LOOPBACK, socket.getLocalPort()), after.announcement().observed());
            assertTrue(server.counters().replays.get() >= sent.size() - 1, "each replay was recognised: "
                    + server.counters().replays.get() + " of " + sent.size());
        }
    }

    @Test
    void stunOnTheSamePortReportsTheMappedAddress() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(5000);
            byte[] request = HexFormat.of().parseHex("000100002112a442b7e7a701bc34d686fa87dfae");
            send(socket, request);
            byte[] buffer = new byte[1500];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            byte[] response = Arrays.copyOf(buffer, packet.getLength());
            // XOR-MAPPED-ADDRESS is the first attribute: port at 26-27, IPv4 at 28-31, XORed with the cookie.
            int port = (((response[26] & 0xff) << 8) | (response[27] & 0xff)) ^ 0x2112;
            assertEquals(socket.getLocalPort(), port);
            assertEquals("0101", HexFormat.of().formatHex(response, 0, 2));
        }
    }

    private void send(DatagramSocket socket, byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, serverAddress));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pumpUntil(DatagramSocket socket, ClientProtocol protocol, java.util.function.BooleanSupplier done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[] buffer = new byte[1500];
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                protocol.onDatagram(Arrays.copyOf(buffer, packet.getLength()));
            } catch (SocketTimeoutException e) {
                protocol.tick();
            }
        }
    }
}
