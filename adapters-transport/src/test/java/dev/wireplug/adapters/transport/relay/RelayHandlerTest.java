package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocation;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import dev.wireplug.domain.relay.RelayRateLimiter;
import dev.wireplug.domain.relay.RelaySide;
import dev.wireplug.domain.relay.RelayState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayHandlerTest {
    private static final RelayAllocationId ID = new RelayAllocationId(1);
    private static final RelayPeer A = new RelayPeer(CapturedHandshake.A, IpAddresses.parse("198.18.1.1"));
    private static final RelayPeer B = new RelayPeer(CapturedHandshake.B, IpAddresses.parse("198.18.2.1"));
    private static final InetSocketAddress RELAY = new InetSocketAddress(IpAddresses.parse("198.18.0.2"), 40000);
    private static final InetSocketAddress A_NAT = new InetSocketAddress(A.publicAddress(), 41001);
    private static final InetSocketAddress A_NAT_REBOUND = new InetSocketAddress(A.publicAddress(), 41777);
    private static final InetSocketAddress B_NAT = new InetSocketAddress(B.publicAddress(), 42002);
    private static final InetSocketAddress STRANGER = new InetSocketAddress(IpAddresses.parse("198.18.9.9"), 41001);
    private static final RelayLimits ROOMY = new RelayLimits(1_000_000, 1_000_000_000, 1_000_000, 1_000_000_000);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<RelayAllocation> activations = new ArrayList<>();
    private final List<ByteBuf> sent = new ArrayList<>();
    private RelayHandler handler;
    private EmbeddedChannel channel;

    private void start(RelayLimits perAllocation, RelayRateLimiter global) {
        handler = new RelayHandler(RelayAllocation.pending(ID, A, B), new RelayRateLimiter(perAllocation, nanos.get()),
                global, nanos::get, activations::add);
        channel = new EmbeddedChannel(handler);
    }

    private void start() {
        start(ROOMY, new RelayRateLimiter(ROOMY, nanos.get()));
    }

    @AfterEach
    void finish() {
        if (channel == null) {
            return;
        }
        channel.finishAndReleaseAll();
        for (ByteBuf buf : sent) {
            assertEquals(0, buf.refCnt(), "every datagram handed to the relay is released or written");
        }
    }

    private void receive(byte[] payload, InetSocketAddress from) {
        // A real buffer even when empty: Unpooled's shared empty buffer is never released.
        ByteBuf buf = Unpooled.buffer(Math.max(1, payload.length)).writeBytes(payload);
        sent.add(buf);
        channel.writeInbound(new DatagramPacket(buf, RELAY, from));
    }

    /** The next forwarded datagram, its payload copied and the buffer released. */
    private Forwarded next() {
        DatagramPacket out = channel.readOutbound();
        if (out == null) {
            return null;
        }
        Forwarded f = new Forwarded(out.recipient(), ByteBufUtil.getBytes(out.content()));
        out.release();
        return f;
    }

    private record Forwarded(InetSocketAddress to, byte[] payload) {}

    private static byte[] initiationFromB() {
        return TestMessages.initiationTowards(CapturedHandshake.A, 2);
    }

    private void learnBoth() {
        receive(CapturedHandshake.INITIATION_A_TO_B, A_NAT);
        receive(initiationFromB(), B_NAT);
        next();
    }

    @Test
    void aValidInitiationFromAsAddressLearnsAButForwardsNothingYet() {
        start();
        receive(CapturedHandshake.INITIATION_A_TO_B, A_NAT);
        assertEquals(new RelayState.OneLearned(RelaySide.A, new Endpoint(A_NAT.getAddress(), A_NAT.getPort())),
                handler.state());
        assertNull(next());
        assertEquals(new RelayCounters(0, 0, 1, 0), handler.counters());
    }

    @Test
    void theInitiationThatCompletesLearningIsForwardedAtOnce() {
        start();
        receive(CapturedHandshake.INITIATION_A_TO_B, A_NAT);
        byte[] fromB = initiationFromB();
        receive(fromB, B_NAT);
        Forwarded f = next();
        assertEquals(A_NAT, f.to());
        assertArrayEquals(fromB, f.payload());
        assertInstanceOf(RelayState.Active.class, handler.state());
        assertEquals(1, activations.size());
    }

    @Test
    void activeForwardsEachWayBetweenTheLearnedAddressesUnchanged() {
        start();
        learnBoth();
        byte[] data = CapturedHandshake.TRANSPORT_A_TO_B;
        receive(data, A_NAT);
        Forwarded toB = next();
        assertEquals(B_NAT, toB.to());
        assertArrayEquals(data, toB.payload());
        receive(CapturedHandshake.RESPONSE_B_TO_A, B_NAT);
        Forwarded toA = next();
        assertEquals(A_NAT, toA.to());
        assertArrayEquals(CapturedHandshake.RESPONSE_B_TO_A, toA.payload());
        RelayCounters c = handler.counters();
        assertEquals(3, c.forwardedPackets());
        assertEquals(148 + data.length + 92, c.forwardedBytes());
    }

    @Test
    void aThirdHostCannotUseTheAllocation() {
        start();
        learnBoth();
        receive(TestMessages.transport(128, 1), STRANGER);
        receive(CapturedHandshake.INITIATION_A_TO_B, STRANGER);
        receive(initiationFromB(), STRANGER);
        assertNull(next());
        assertEquals(1 + 3, handler.counters().droppedPackets(), "A's first initiation (nobody to send it to) and the three");
    }

    @Test
    void aThirdHostCannotHijackALearnedSide() {
        start();
        learnBoth();
        // The stranger replays A's initiation: its address is not A's, so A stays where it was.
        receive(CapturedHandshake.INITIATION_A_TO_B, STRANGER);
        receive(TestMessages.transport(64, 2), B_NAT);
        assertEquals(A_NAT, next().to());
    }

    @Test
    void fromAsAddressButAnotherPortOnlyAValidInitiationCounts() {
        start();
        learnBoth();
        receive(TestMessages.transport(64, 3), A_NAT_REBOUND);
        receive(TestMessages.initiationTowards(CapturedHandshake.A, 4), A_NAT_REBOUND);
        assertNull(next(), "keyed for A itself: not an initiation from A towards B");
        byte[] corrupted = CapturedHandshake.INITIATION_A_TO_B.clone();
        corrupted[120] ^= 1;
        receive(corrupted, A_NAT_REBOUND);
        assertNull(next());
        assertEquals(new Endpoint(A_NAT.getAddress(), A_NAT.getPort()), handler.state().learned(RelaySide.A).orElseThrow());
    }

    @Test
    void aSideWhoseNatRebindsIsRelearnedFromItsNextInitiation() {
        start();
        learnBoth();
        receive(CapturedHandshake.INITIATION_A_TO_B, A_NAT_REBOUND);
        assertEquals(B_NAT, next().to());
        receive(TestMessages.transport(64, 5), B_NAT);
        assertEquals(A_NAT_REBOUND, next().to());
        assertEquals(2, activations.size(), "the offload hears of the new address");
    }

    @Test
    void wrongSizesAndTypesTeachNothing() {
        start();
        receive(java.util.Arrays.copyOf(CapturedHandshake.INITIATION_A_TO_B, 147), A_NAT);
        receive(CapturedHandshake.RESPONSE_B_TO_A, A_NAT);
        receive(new byte[0], A_NAT);
        receive(TestMessages.transport(148, 6), A_NAT);
        assertEquals(new RelayState.Pending(), handler.state());
        assertEquals(4, handler.counters().droppedPackets());
    }

    @Test
    void thePerAllocationLimitDropsTheExcessAndRecovers() {
        start(new RelayLimits(10, 1_000_000, 3, 1_000_000), new RelayRateLimiter(ROOMY, nanos.get()));
        learnBoth(); // the completing initiation took one packet token
        for (int i = 0; i < 4; i++) {
            receive(TestMessages.transport(64, i), A_NAT);
        }
        int forwarded = 0;
        while (next() != null) {
            forwarded++;
        }
        assertEquals(2, forwarded);
        assertEquals(2, handler.counters().limitedPackets());
        nanos.addAndGet(100_000_000L);
        receive(TestMessages.transport(64, 9), A_NAT);
        assertTrue(next() != null, "a tenth of a second later one token is back");
    }

    @Test
    void theGlobalLimitIsSharedByEveryAllocation() {
        RelayRateLimiter global = new RelayRateLimiter(new RelayLimits(1, 1_000_000, 2, 1_000_000), nanos.get());
        start(ROOMY, global);
        learnBoth();
        receive(TestMessages.transport(64, 1), A_NAT);
        assertTrue(next() != null);
        assertTrue(global.tryPass(0, nanos.get()) == false, "the two tokens went to this allocation");
        receive(TestMessages.transport(64, 2), A_NAT);
        assertNull(next());
        assertEquals(1, handler.counters().limitedPackets());
    }

    @Test
    void randomDatagramsFromAnywhereTeachNothingAndLeakNothing() {
        start();
        java.util.Random random = new java.util.Random(66);
        InetSocketAddress[] sources = {A_NAT, B_NAT, STRANGER, A_NAT_REBOUND};
        for (int i = 0; i < 5_000; i++) {
            byte[] payload = new byte[random.nextInt(3) == 0 ? 148 : random.nextInt(1600)];
            random.nextBytes(payload);
            if (payload.length > 3 && random.nextBoolean()) {
                payload[0] = (byte) (1 + random.nextInt(4));
                payload[1] = payload[2] = payload[3] = 0;
            }
            receive(payload, sources[random.nextInt(sources.length)]);
            nanos.addAndGet(1_000_000L);
        }
        assertNull(next());
        assertEquals(new RelayState.Pending(), handler.state());
        assertEquals(5_000, handler.counters().droppedPackets());
    }

    @Test
    void anIpv4MappedSourceIsTheIpv4AddressItCarries() throws Exception {
        java.net.InetAddress mapped = java.net.InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 198, 18, 1, 1});
        assertEquals(A.publicAddress(), RelayHandler.plain(mapped));
        java.net.InetAddress v6 = IpAddresses.parse("2001:db8::1");
        assertEquals(v6, RelayHandler.plain(v6));
        java.net.InetAddress v6Object = java.net.Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 198, 18, 1, 1}, -1);
        assertEquals(A.publicAddress(), RelayHandler.plain(v6Object));
    }
}
