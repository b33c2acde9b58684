package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wireplug.application.relay.RelayAllocationService;
import dev.wireplug.application.relay.RelayAllocationService.Outcome;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayCandidate;
import dev.wireplug.domain.relay.RelayIdlePolicy;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPolicy;
import dev.wireplug.domain.relay.RelayRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The allocation service driving the real Netty plane on loopback: grant, relay, go idle, expire. */
class RelayAllocationServiceWithNettyTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final NettyRelayDataPlane plane = new NettyRelayDataPlane(new RelayPlaneSettings(
            RelayPlaneSettings.Kind.NETTY, IpAddresses.parse("127.0.0.1"), RelayLimits.GLOBAL_DEFAULT, 1), System::nanoTime);
    private final RelayAllocationService service = new RelayAllocationService(plane, now::get,
            new RelayPolicy(Duration.ofSeconds(2)), new RelayIdlePolicy(Duration.ofSeconds(30), Duration.ofMinutes(3)),
            RelayLimits.PER_ALLOCATION_DEFAULT);
    private final UdpPeer a = new UdpPeer("127.0.0.2");
    private final UdpPeer b = new UdpPeer("127.0.0.3");

    @AfterEach
    void close() {
        plane.close();
        a.close();
        b.close();
    }

    @Test
    void aGrantedRelayCarriesTrafficUntilItIsIdleThenItsPortCloses() throws Exception {
        RelayRequest request = new RelayRequest(
                new RelayCandidate(CapturedHandshake.A, Set.of(CapturedHandshake.B), IpAddresses.parse("127.0.0.2"),
                        NatKind.DESTINATION_DEPENDENT, Optional.empty()),
                new RelayCandidate(CapturedHandshake.B, Set.of(CapturedHandshake.A), IpAddresses.parse("127.0.0.3"),
                        NatKind.DESTINATION_DEPENDENT, Optional.empty()),
                Optional.empty());
        Outcome.Granted granted = assertInstanceOf(Outcome.Granted.class, service.request(request));
        InetSocketAddress relay = new InetSocketAddress(IpAddresses.parse("127.0.0.1"), granted.port());

        a.send(CapturedHandshake.INITIATION_A_TO_B, relay);
        b.send(TestMessages.initiationTowards(CapturedHandshake.A, 1), relay);
        a.receive(2000).orElseThrow();
        byte[] data = TestMessages.transport(256, 2);
        a.send(data, relay);
        assertArrayEquals(data, b.receive(2000).orElseThrow().payload());

        now.set(now.get().plusSeconds(60));
        assertEquals(List.of(), service.expireIdle(), "traffic moved since the last poll");
        now.set(now.get().plusSeconds(179));
        assertEquals(List.of(), service.expireIdle());
        now.set(now.get().plusSeconds(1));
        assertEquals(List.of(granted.id()), service.expireIdle());
        assertEquals(Optional.empty(), plane.learned(granted.id()));
        a.send(TestMessages.transport(64, 3), relay);
        assertEquals(Optional.empty(), b.receive(300), "the port is closed");
    }
}
