package dev.wireplug.adapters.nat.pcp;

import static dev.wireplug.adapters.nat.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.nat.FakeUdpGateway;
import dev.wireplug.adapters.nat.Hex;
import dev.wireplug.adapters.nat.udp.RetransmitSchedule;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.UnmapOutcome;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PcpPortMapperTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    PcpPortMapper mapper(int port) {
        return new PcpPortMapper(now::get, new SecureRandom(), port, RetransmitSchedule.probe(Duration.ofMillis(250)),
                RetransmitSchedule.patient(Duration.ofMillis(100), 3));
    }

    /** Answers a MAP as miniupnpd's pcpserver.c does: echoes nonce, protocol, port; grants port+shift. */
    static byte[] reply(byte[] req, int result, long lifetime, long epoch, int externalPort) {
        ByteBuffer out = ByteBuffer.allocate(60);
        out.put((byte) 2).put((byte) 0x81).put((byte) 0).put((byte) result).putInt((int) lifetime).putInt((int) epoch)
                .put(new byte[12]);
        out.put(Arrays.copyOfRange(req, 24, 40)); // nonce, protocol, reserved
        out.put(Arrays.copyOfRange(req, 40, 42)); // internal port
        out.putShort((short) externalPort);
        out.put(Hex.bytes("00000000000000000000ffffc6120001"));
        return out.array();
    }

    static long lifetime(byte[] req) {
        return ByteBuffer.wrap(req).getInt(4) & 0xFFFFFFFFL;
    }

    @Test
    void mapsWithTheKernelsSourceAddressAndKeepsTheNonceForRenewAndDelete() throws Exception {
        AtomicLong epoch = new AtomicLong(1000);
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> List.of(lifetime(req) == 0
                ? reply(req, 0, 0, epoch.get(), 0) : reply(req, 0, lifetime(req), epoch.get(), 40001)))) {
            PcpPortMapper m = mapper(gw.port());
            MappingLease l = assertInstanceOf(MappingOutcome.Granted.class, m.map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
            byte[] first = gw.requests.get(0);
            assertEquals(60, first.length);
            assertEquals("0201000000001c20" + "00000000000000000000ffff7f000001", hex(Arrays.copyOf(first, 24)));
            assertEquals("11000000ca6cca6c" + "00000000000000000000ffff00000000", hex(Arrays.copyOfRange(first, 36, 60)));
            assertArrayEquals(Arrays.copyOfRange(first, 24, 36), l.token());
            assertEquals(40001, l.mapping().externalPort());
            assertEquals(Optional.of(InetAddress.getByName("198.18.0.1")), l.mapping().externalAddress());

            now.set(now.get().plusSeconds(3600));
            epoch.set(4600);
            MappingLease renewed = assertInstanceOf(MappingOutcome.Granted.class, m.renew(l, Duration.ofSeconds(7200))).lease();
            byte[] second = gw.requests.get(1);
            assertArrayEquals(l.token(), Arrays.copyOfRange(second, 24, 36), "same nonce on renewal");
            assertEquals("11000000ca6c9c41" + "00000000000000000000ffffc6120001", hex(Arrays.copyOfRange(second, 36, 60)));
            assertTrue(!renewed.epoch().orElseThrow().showsResetSince(l.epoch().orElseThrow()));

            assertEquals(UnmapOutcome.DELETED, m.unmap(renewed));
            byte[] delete = gw.requests.get(2);
            assertEquals(0, lifetime(delete));
            assertArrayEquals(l.token(), Arrays.copyOfRange(delete, 24, 36), "same nonce on delete");
        }
    }

    @Test
    void recordedEpochResetIsVisibleOnTheRenewedLease() throws Exception {
        AtomicLong epoch = new AtomicLong(86_000);
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> List.of(reply(req, 0, 7200, epoch.get(), 40001)))) {
            PcpPortMapper m = mapper(gw.port());
            MappingLease l = ((MappingOutcome.Granted) m.map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
            now.set(now.get().plusSeconds(3600));
            epoch.set(12); // miniupnpd restarted (or got SIGUSR1) 12 s ago
            MappingLease renewed = ((MappingOutcome.Granted) m.renew(l, Duration.ofSeconds(7200))).lease();
            assertTrue(renewed.epoch().orElseThrow().showsResetSince(l.epoch().orElseThrow()));
        }
    }

    @Test
    void noResourcesOnDeleteMeansAlreadyGone() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> List.of(lifetime(req) == 0
                ? reply(req, PcpCodec.RESULT_NO_RESOURCES, 0, 5, 0) : reply(req, 0, 7200, 5, 51820)))) {
            PcpPortMapper m = mapper(gw.port());
            MappingLease l = ((MappingOutcome.Granted) m.map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
            assertEquals(UnmapOutcome.ALREADY_GONE, m.unmap(l));
        }
    }

    @Test
    void errorLifetimeBecomesTheRetryHint() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> List.of(reply(req, PcpCodec.RESULT_NOT_AUTHORIZED, 30, 5, 0)))) {
            MappingOutcome.Refused r = assertInstanceOf(MappingOutcome.Refused.class,
                    mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(7200)));
            assertEquals("NOT_AUTHORIZED", r.reason());
            assertEquals(Duration.ofSeconds(30), r.retryAfter());
        }
    }

    @Test
    void replyWithAnotherNonceIsIgnored() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> {
            byte[] r = reply(req, 0, 7200, 5, 40001);
            r[30] ^= 1;
            return List.of(r);
        })) {
            assertInstanceOf(MappingOutcome.NotSupported.class, mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(60)));
        }
    }

    @Test
    void natPmpOnlyGatewayIsNotSupportedAtOnce() throws Exception {
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> List.of(Hex.bytes("0081 0001 0000012c")))) {
            long t0 = System.nanoTime();
            MappingOutcome.NotSupported n = assertInstanceOf(MappingOutcome.NotSupported.class,
                    mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(60)));
            assertTrue(n.reason().contains("NAT-PMP"));
            assertEquals(1, gw.requests.size());
            System.out.println("pcp nat-pmp-only gateway answered in ms=" + (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void noGatewayGivesUpWithinASecond() throws Exception {
        long t0 = System.nanoTime();
        assertInstanceOf(MappingOutcome.NotSupported.class,
                mapper(FakeUdpGateway.closedPort()).map(LOOPBACK, 51820, Duration.ofSeconds(60)));
        long unreachable = (System.nanoTime() - t0) / 1_000_000;
        try (FakeUdpGateway gw = new FakeUdpGateway(req -> List.of())) {
            long t1 = System.nanoTime();
            assertInstanceOf(MappingOutcome.NotSupported.class, mapper(gw.port()).map(LOOPBACK, 51820, Duration.ofSeconds(60)));
            long silent = (System.nanoTime() - t1) / 1_000_000;
            System.out.println("pcp unreachable ms=" + unreachable + " silent ms=" + silent);
            assertTrue(unreachable < 1000 && silent < 1500, unreachable + " / " + silent);
        }
    }
}
