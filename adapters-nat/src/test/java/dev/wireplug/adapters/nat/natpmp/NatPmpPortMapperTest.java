package dev.wireplug.adapters.nat.natpmp;

import static dev.wireplug.adapters.nat.Hex.bytes;
import static dev.wireplug.adapters.nat.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.nat.FakeUdpGateway;
import dev.wireplug.adapters.nat.udp.RetransmitSchedule;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.UnmapOutcome;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NatPmpPortMapperTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static NatPmpPortMapper mapper(int port) {
        return new NatPmpPortMapper(() -> NOW, port, RetransmitSchedule.probe(Duration.ofMillis(250)),
                RetransmitSchedule.patient(Duration.ofMillis(100), 3));
    }

    /** miniupnpd's behaviour: external address 198.18.0.1, the next port when ours is taken. */
    static List<byte[]> miniupnpdLike(byte[] req, int portShift, long epoch) {
        if (req[1] == 0) {
            return List.of(ByteBuffer.allocate(12).put((byte) 0).put((byte) 128).putShort((short) 0)
                    .putInt((int) epoch).put(bytes("c6120001")).array());
        }
        ByteBuffer r = ByteBuffer.wrap(req);
        int internal = r.getShort(4) & 0xFFFF;
        int suggested = r.getShort(6) & 0xFFFF;
        long life = r.getInt(8) & 0xFFFFFFFFL;
        int granted = life == 0 ? 0 : (suggested == internal ? suggested + portShift : suggested);
        return List.of(ByteBuffer.allocate(16).put((byte) 0).put((byte) (128 + req[1])).putShort((short) 0)
                .putInt((int) epoch).putShort((short) internal).putShort((short) granted).putInt((int) life).array());
    }

    @Test
    void usesTheGrantedPortEvenWhenItDiffers() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> miniupnpdLike(req, 1, 500))) {
            MappingOutcome o = mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(7200));
            MappingLease l = assertInstanceOf(MappingOutcome.Granted.class, o).lease();
            assertEquals(51821, l.mapping().externalPort());
            assertEquals(Duration.ofSeconds(7200), l.mapping().lifetime());
            assertEquals(Optional.of(InetAddress.getByName("198.18.0.1")), l.mapping().externalAddress());
            assertEquals(500, l.epoch().orElseThrow().seconds());
            assertEquals("0000", hex(gw.requests.get(0)));
            // suggests our own port, never 0
            assertEquals("00010000ca6cca6c00001c20", hex(gw.requests.get(1)));
        }
    }

    @Test
    void renewSuggestsTheGrantedPortAndDeleteUsesLifetimeZero() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> miniupnpdLike(req, 1, 500))) {
            NatPmpPortMapper m = mapper(gw.port());
            MappingLease l = ((MappingOutcome.Granted) m.map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
            MappingLease renewed = ((MappingOutcome.Granted) m.renew(l, Duration.ofSeconds(7200))).lease();
            assertEquals(51821, renewed.mapping().externalPort());
            assertEquals("00010000ca6cca6d00001c20", hex(gw.requests.get(3)));
            assertEquals(UnmapOutcome.DELETED, m.unmap(renewed));
            assertEquals("00010000ca6c000000000000", hex(gw.requests.get(4)));
        }
    }

    @Test
    void ignoresRepliesForAnotherPortOrOpcode() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> {
            if (req[1] == 0) {
                return miniupnpdLike(req, 0, 1);
            }
            byte[] stale = miniupnpdLike(req, 0, 1).get(0);
            stale[9] ^= 1; // another internal port
            byte[] tcp = miniupnpdLike(req, 0, 1).get(0);
            tcp[1] = (byte) 130;
            return List.of(stale, tcp, miniupnpdLike(req, 5, 1).get(0));
        })) {
            MappingLease l = ((MappingOutcome.Granted) mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(60))).lease();
            assertEquals(51825, l.mapping().externalPort());
        }
    }

    @Test
    void refusalIsRefusedNotUnsupported() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> req[1] == 0 ? miniupnpdLike(req, 0, 1)
                : List.of(bytes("0081 0002 00000001 ca6c 0000 00000000")))) {
            MappingOutcome.Refused r = assertInstanceOf(MappingOutcome.Refused.class,
                    mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(60)));
            assertTrue(r.reason().contains("not authorized"), r.reason());
        }
    }

    @Test
    void icmpUnreachableGivesAFastNotHere() throws Exception {
        long t0 = System.nanoTime();
        MappingOutcome o = mapper(FakeUdpGateway.closedPort()).map(LOOPBACK, 51820, Duration.ofSeconds(60));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("natpmp unreachable answered in ms=" + ms);
        assertInstanceOf(MappingOutcome.NotSupported.class, o);
        assertTrue(ms < 1000, "took " + ms + " ms");
    }

    @Test
    void silentGatewayGivesUpWithinASecond() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> List.of())) {
            long t0 = System.nanoTime();
            MappingOutcome o = mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(60));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("natpmp silent gateway gave up in ms=" + ms + " after sends=" + gw.requests.size());
            assertInstanceOf(MappingOutcome.NotSupported.class, o);
            assertEquals(3, gw.requests.size(), "sends at 0, 250 and 750 ms");
            assertTrue(ms < 1500, "took " + ms + " ms");
        }
    }
}
