package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import dev.wireplug.domain.relay.RelayState;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Netty plane on real loopback sockets: peer A on 127.0.0.2, peer B on 127.0.0.3, a third host
 * on 127.0.0.4 forging packets, the relay on 127.0.0.1.
 */
class NettyRelayDataPlaneLoopbackTest {
    private static final RelayAllocationId ID = new RelayAllocationId(1);
    private static final RelayPeer A = new RelayPeer(CapturedHandshake.A, IpAddresses.parse("127.0.0.2"));
    private static final RelayPeer B = new RelayPeer(CapturedHandshake.B, IpAddresses.parse("127.0.0.3"));

    private final NettyRelayDataPlane plane = new NettyRelayDataPlane(new RelayPlaneSettings(
            RelayPlaneSettings.Kind.NETTY, IpAddresses.parse("127.0.0.1"), RelayLimits.GLOBAL_DEFAULT, 1), System::nanoTime);
    private final UdpPeer a = new UdpPeer("127.0.0.2");
    private final UdpPeer b = new UdpPeer("127.0.0.3");
    private final UdpPeer third = new UdpPeer("127.0.0.4");

    @AfterEach
    void close() {
        plane.close();
        a.close();
        b.close();
        third.close();
    }

    private InetSocketAddress open() throws RelayException {
        int port = plane.open(new Opening(ID, A, B, RelayLimits.PER_ALLOCATION_DEFAULT, 0));
        return new InetSocketAddress(IpAddresses.parse("127.0.0.1"), port);
    }

    @Test
    void usesEpollOnLinux() {
        assertTrue(plane.usesEpoll(), "netty-transport-native-epoll should load on Linux x86_64");
    }

    @Test
    void relaysAHandshakeAndDataBetweenThePairAndNothingFromAThirdHost() throws Exception {
        InetSocketAddress relay = open();
        a.send(CapturedHandshake.INITIATION_A_TO_B, relay);
        assertEquals(Optional.empty(), b.receive(300), "nothing to forward before B is learned");

        byte[] fromB = TestMessages.initiationTowards(CapturedHandshake.A, 1);
        b.send(fromB, relay);
        UdpPeer.Received atA = a.receive(2000).orElseThrow();
        assertArrayEquals(fromB, atA.payload());
        assertEquals(relay, atA.from(), "A sees the relay port as B's endpoint");

        a.send(CapturedHandshake.RESPONSE_B_TO_A, relay);
        assertArrayEquals(CapturedHandshake.RESPONSE_B_TO_A, b.receive(2000).orElseThrow().payload());
        assertInstanceOf(RelayState.Active.class, plane.learned(ID).orElseThrow());

        // The third host sends data, replays both initiations, and tries A's and B's messages.
        third.send(TestMessages.transport(128, 7), relay);
        third.send(CapturedHandshake.INITIATION_A_TO_B, relay);
        third.send(fromB, relay);
        assertEquals(Optional.empty(), a.receive(300));
        assertEquals(Optional.empty(), b.receive(100));
        assertEquals(Optional.empty(), third.receive(100), "the third host gets nothing back");

        // The pair still talks after the forgeries: nothing was hijacked.
        byte[] data = TestMessages.transport(1452, 8);
        b.send(data, relay);
        assertArrayEquals(data, a.receive(2000).orElseThrow().payload());

        RelayCounters counters = plane.counters(ID);
        assertEquals(3, counters.forwardedPackets());
        assertEquals(148 + 92 + 1452, counters.forwardedBytes());
        assertEquals(4, counters.droppedPackets(), "A's first initiation and the three forgeries");
    }

    @Test
    void afterCloseNothingIsRelayedAndThePortIsFree() throws Exception {
        InetSocketAddress relay = open();
        a.send(CapturedHandshake.INITIATION_A_TO_B, relay);
        b.send(TestMessages.initiationTowards(CapturedHandshake.A, 1), relay);
        a.receive(2000).orElseThrow();
        plane.close(ID);
        plane.close(ID);
        b.send(TestMessages.transport(64, 1), relay);
        assertEquals(Optional.empty(), a.receive(300));
        assertEquals(Optional.empty(), plane.learned(ID));
        assertEquals(RelayCounters.ZERO, plane.counters(ID));
        try (UdpPeer reuse = new UdpPeer("127.0.0.1", relay.getPort())) {
            assertEquals(relay.getPort(), reuse.port());
        }
    }

    @Test
    void openingTheSameAllocationTwiceOrABusyPortFails() throws Exception {
        InetSocketAddress relay = open();
        assertThrows(RelayException.class, () -> plane.open(new Opening(ID, A, B, RelayLimits.PER_ALLOCATION_DEFAULT, 0)));
        RelayException busy = assertThrows(RelayException.class, () -> plane.open(
                new Opening(new RelayAllocationId(2), A, B, RelayLimits.PER_ALLOCATION_DEFAULT, relay.getPort())));
        assertTrue(busy.getMessage().contains(String.valueOf(relay.getPort())), busy.getMessage());
    }
}
