package dev.wireplug.adapters.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.adapters.transport.client.ClientProtocol;
import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.server.CoordinatorDispatcher;
import dev.wireplug.adapters.transport.server.CoordinatorProtocol;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.server.MapRendezvousStore;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.port.in.RendezvousUseCase;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's Netty pipeline (decoder + handler + outbox) in an EmbeddedChannel, checked for leaks. */
class ServerPipelineTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 3478);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.18.0.5", 40000);
    private final SecureRandom random = new SecureRandom();
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final MapRendezvousStore store = new MapRendezvousStore();
    private final KeyPair serverKey = keyPair();
    private final NettyOutbox outbox = new NettyOutbox();
    private final CoordinatorDispatcher dispatcher;
    private final EmbeddedChannel channel;

    ServerPipelineTest() {
        RendezvousUseCase[] rendezvous = new RendezvousUseCase[1];
        CoordinatorProtocol protocol = new CoordinatorProtocol(serverKey, () -> rendezvous[0], () -> now, random,
                outbox, CoordinatorSettings.defaults());
        rendezvous[0] = new RendezvousService(store, new dev.wireplug.adapters.transport.server.SessionPeerNotifier(protocol), () -> now, Duration.ofSeconds(90));
        dispatcher = new CoordinatorDispatcher(protocol, new StunServer(new StunServer.Topology(LOCAL, Optional.empty())),
                outbox, () -> now);
        channel = new EmbeddedChannel(new DatagramDecoder(), new DispatchHandler(dispatcher));
        outbox.add(LOCAL, channel);
    }

    @AfterEach
    void noLeftovers() {
        DatagramPacket leftover;
        while ((leftover = channel.readOutbound()) != null) {
            leftover.release();
        }
        assertFalse(channel.finish(), "nothing may stay queued in the pipeline");
    }

    private KeyPair keyPair() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new KeyPair(PrivateKey.of(secret), PublicKey.of(NoiseCrypto.publicKey(secret)));
    }

    /** Writes one datagram in, checks its buffer was released, and returns what came out. */
    private List<byte[]> exchange(byte[] datagram, InetSocketAddress from) {
        // A real buffer even when empty: Unpooled.copiedBuffer(new byte[0]) is the shared EMPTY_BUFFER,
        // whose reference count never drops, so it would hide nothing and prove nothing.
        ByteBuf content = Unpooled.buffer(datagram.length).writeBytes(datagram);
        channel.writeInbound(new DatagramPacket(content, LOCAL, from));
        assertEquals(0, content.refCnt(), "the inbound buffer was released");
        List<byte[]> out = new ArrayList<>();
        DatagramPacket packet;
        while ((packet = channel.readOutbound()) != null) {
            assertEquals(from, packet.recipient());
            out.add(ByteBufUtil.getBytes(packet.content()));
            assertTrue(packet.release());
        }
        return out;
    }

    @Test
    void aHandshakeAndAnnouncementRoundTripThroughThePipeline() {
        List<byte[]> fromClient = new ArrayList<>();
        List<String> events = new ArrayList<>();
        ClientProtocol client = new ClientProtocol(keyPair(), serverKey.publicKey(), () -> now, random, fromClient::add,
                new CoordinatorClient.Listener() {
                    @Override
                    public void peer(dev.wireplug.domain.rendezvous.PeerView view) {
                        events.add("peer");
                    }

                    @Override
                    public void announced() {
                        events.add("announced");
                    }
                });
        client.announce(new CoordinatorClient.Announce(51820, NatKind.UNKNOWN, Optional.empty(), Map.of()));
        int rounds = 0;
        while (!fromClient.isEmpty() && rounds++ < 10) {
            List<byte[]> batch = List.copyOf(fromClient);
            fromClient.clear();
            for (byte[] datagram : batch) {
                for (byte[] reply : exchange(datagram, CLIENT)) {
                    client.onDatagram(reply);
                }
            }
        }
        assertEquals(List.of("announced"), events);
        assertEquals(1, store.size());
        assertTrue(client.hasSession());
    }

    @Test
    void aStunRequestGetsItsMappedAddressThroughThePipeline() {
        byte[] request = HexFormat.of().parseHex("000100002112a442b7e7a701bc34d686fa87dfae");
        List<byte[]> out = exchange(request, CLIENT);
        assertEquals(1, out.size());
        assertEquals("0101", HexFormat.of().formatHex(out.get(0), 0, 2));
        assertEquals(1, dispatcher.stunAnswers());
    }

    @Test
    void oversizedDatagramsAreDroppedBeforeParsing() {
        assertEquals(List.of(), exchange(new byte[1500], CLIENT));
    }

    @Test
    void survivesAnyDatagramAndLeaksNoBuffer() {
        Random r = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(1400)];
            r.nextBytes(junk);
            if (junk.length > 0 && r.nextBoolean()) {
                junk[0] = (byte) (r.nextBoolean() ? 0x91 + r.nextInt(5) : r.nextInt(4));
            }
            InetSocketAddress from = new InetSocketAddress("198.18.0." + (1 + r.nextInt(200)), 1 + r.nextInt(65535));
            for (byte[] reply : exchange(junk, from)) {
                assertTrue(reply.length <= Math.max(junk.length, 200), "no large answer to junk");
            }
        }
        assertTrue(channel.isOpen());
        assertEquals(1, exchange(HexFormat.of().parseHex("000100002112a442b7e7a701bc34d686fa87dfae"),
                new InetSocketAddress("203.0.113.9", 9)).size(), "still answering after the storm");
    }

    @Test
    void theDispatcherItselfNeverThrows() {
        Random r = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(300)];
            r.nextBytes(junk);
            if (junk.length > 1) {
                junk[0] = (byte) (0x91 + r.nextInt(5));
                junk[1] = 1;
            }
            try {
                dispatcher.handle(junk, CLIENT, LOCAL);
            } catch (RuntimeException e) {
                fail("datagram " + HexFormat.of().formatHex(junk) + " raised " + e, e);
            }
        }
        DatagramPacket p;
        while ((p = channel.readOutbound()) != null) {
            p.release();
        }
        assertNull(channel.readInbound());
        assertNotNull(channel);
    }
}
