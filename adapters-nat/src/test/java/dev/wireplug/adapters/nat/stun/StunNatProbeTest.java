package dev.wireplug.adapters.nat.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.NatObservation;
import dev.wireplug.domain.net.Endpoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe against small STUN responders on loopback (127.0.0.1 primary, 127.0.0.2 alternate). */
class StunNatProbeTest {
    private final StunNatProbe probe = new StunNatProbe(new SecureRandom());
    private Responder primary;
    private Responder alternate;

    /** Answers Binding requests with (XOR-)MAPPED-ADDRESS = what {@code rewrite} makes of the source. */
    static final class Responder implements AutoCloseable {
        final DatagramSocket socket;
        final Thread thread;

        Responder(String address, int port, Optional<InetSocketAddress> other, UnaryOperator<InetSocketAddress> rewrite)
                throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(address, port));
            thread = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[1500];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        byte[] id = Arrays.copyOfRange(buffer, 8, 20);
                        InetSocketAddress seen = rewrite.apply((InetSocketAddress) packet.getSocketAddress());
                        byte[] reply = response(id, seen, other);
                        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static byte[] response(byte[] id, InetSocketAddress seen, Optional<InetSocketAddress> other) {
        ByteBuffer out = ByteBuffer.allocate(20 + 12 + (other.isPresent() ? 12 : 0));
        out.putShort((short) 0x0101).putShort((short) (12 + (other.isPresent() ? 12 : 0))).putInt(0x2112A442).put(id);
        byte[] ip = seen.getAddress().getAddress();
        out.putShort((short) 0x0020).putShort((short) 8).put((byte) 0).put((byte) 1)
                .putShort((short) (seen.getPort() ^ 0x2112));
        byte[] cookie = {0x21, 0x12, (byte) 0xa4, 0x42};
        for (int i = 0; i < 4; i++) {
            out.put((byte) (ip[i] ^ cookie[i]));
        }
        other.ifPresent(o -> out.putShort((short) 0x802C).putShort((short) 8).put((byte) 0).put((byte) 1)
                .putShort((short) o.getPort()).put(o.getAddress().getAddress()));
        return out.array();
    }

    @AfterEach
    void stop() {
        if (primary != null) {
            primary.close();
        }
        if (alternate != null) {
            alternate.close();
        }
    }

    private static InetSocketAddress at(String address, int port) {
        return new InetSocketAddress(address, port);
    }

    @Test
    void theHostsOwnAddressAndPortMeansNoMapping() throws Exception {
        primary = new Responder("127.0.0.1", 0, Optional.empty(), UnaryOperator.identity());
        NatObservation seen = probe.probe(0, new Endpoint(InetAddress.getByName("127.0.0.1"), primary.port()));
        assertEquals(NatKind.NO_MAPPING, seen.kind());
    }

    @Test
    void theSameMappingFromBothAddressesMeansAFixedMapping() throws Exception {
        alternate = new Responder("127.0.0.2", 0, Optional.empty(), source -> at("198.18.1.1", 40000));
        primary = new Responder("127.0.0.1", alternate.port(), Optional.of(at("127.0.0.2", alternate.port() + 1)),
                source -> at("198.18.1.1", 40000));
        NatObservation seen = probe.probe(0, new Endpoint(InetAddress.getByName("127.0.0.1"), primary.port()));
        assertEquals(new NatObservation(NatKind.FIXED_MAPPING, Optional.of(Endpoint.parse("198.18.1.1:40000"))), seen);
    }

    @Test
    void anotherMappingTowardTheAlternateMeansDestinationDependent() throws Exception {
        alternate = new Responder("127.0.0.2", 0, Optional.empty(), source -> at("198.18.1.1", 40001));
        primary = new Responder("127.0.0.1", alternate.port(), Optional.of(at("127.0.0.2", alternate.port() + 1)),
                source -> at("198.18.1.1", 40000));
        assertEquals(NatKind.DESTINATION_DEPENDENT,
                probe.probe(0, new Endpoint(InetAddress.getByName("127.0.0.1"), primary.port())).kind());
    }

    @Test
    void silenceGivesUnknownWithinASecondAndAHalf() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            long start = System.nanoTime();
            NatObservation seen = probe.probe(0, new Endpoint(InetAddress.getByName("127.0.0.1"), silent.getLocalPort()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(NatObservation.UNKNOWN, seen);
            System.out.println("stun probe gave up after " + millis + " ms");
            assertTrue(millis < 5000, "gave up after " + millis + " ms");
        }
    }

    @Test
    void probesFromTheRequestedPort() throws Exception {
        int[] seenPort = new int[1];
        primary = new Responder("127.0.0.1", 0, Optional.empty(), source -> {
            seenPort[0] = source.getPort();
            return source;
        });
        int free;
        try (DatagramSocket s = new DatagramSocket(0)) {
            free = s.getLocalPort();
        }
        probe.probe(free, new Endpoint(InetAddress.getByName("127.0.0.1"), primary.port()));
        assertEquals(free, seenPort[0]);
    }
}
