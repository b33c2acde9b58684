package dev.wireplug.adapters.transport.relay;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.relay.RelayAllocation;
import dev.wireplug.domain.relay.RelayAllocation.Learning;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayRateLimiter;
import dev.wireplug.domain.relay.RelaySide;
import dev.wireplug.domain.relay.RelayState;
import dev.wireplug.domain.relay.TokenBucket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The relay port of one allocation. Datagrams from one learned side go to the other, unchanged;
 * a handshake initiation from an unlearned address is offered to the domain state machine
 * ({@link RelayAllocation#onInitiation}) with the mac1 check done here; everything else is dropped
 * and counted. Runs on one event loop; the counters and the state are read from other threads.
 * Writes are flushed once per read batch so the epoll transport can use sendmmsg.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(RelayHandler.class.getName());
    /** Initiations checked per second at most: each costs two BLAKE2s runs. */
    private static final long LEARNING_RATE = 50;

    /** The two learned source addresses exactly as the socket reported them. */
    private record Route(InetSocketAddress a, InetSocketAddress b) {
        InetSocketAddress targetFor(InetSocketAddress sender) {
            if (sender.equals(a)) {
                return b;
            }
            if (sender.equals(b)) {
                return a;
            }
            return null;
        }
    }

    private final Mac1 towardsA;
    private final Mac1 towardsB;
    private final RelayRateLimiter perAllocation;
    private final RelayRateLimiter global;
    private final LongSupplier nanos;
    private final Consumer<RelayAllocation> onActivated;
    private final TokenBucket learning;
    private final LongAdder forwardedPackets = new LongAdder();
    private final LongAdder forwardedBytes = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder limited = new LongAdder();
    private volatile RelayAllocation allocation;
    private volatile Route route;
    private InetSocketAddress rawA;
    private InetSocketAddress rawB;

    RelayHandler(RelayAllocation allocation, RelayRateLimiter perAllocation, RelayRateLimiter global,
            LongSupplier nanos, Consumer<RelayAllocation> onActivated) {
        this.allocation = Objects.requireNonNull(allocation, "allocation");
        this.towardsA = new Mac1(allocation.a().key());
        this.towardsB = new Mac1(allocation.b().key());
        this.perAllocation = Objects.requireNonNull(perAllocation, "perAllocation");
        this.global = Objects.requireNonNull(global, "global");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.onActivated = Objects.requireNonNull(onActivated, "onActivated");
        this.learning = new TokenBucket(LEARNING_RATE, LEARNING_RATE, nanos.getAsLong());
    }

    RelayState state() {
        return allocation.state();
    }

    RelayCounters counters() {
        return new RelayCounters(forwardedPackets.sum(), forwardedBytes.sum(), dropped.sum(), limited.sum());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        InetSocketAddress sender = packet.sender();
        ByteBuf content = packet.content();
        Route current = route;
        InetSocketAddress target = current == null ? null : current.targetFor(sender);
        if (target == null && learn(sender, content)) {
            current = route;
            target = current == null ? null : current.targetFor(sender);
        }
        if (target == null) {
            dropped.increment();
            packet.release();
            return;
        }
        int size = content.readableBytes();
        long now = nanos.getAsLong();
        if (!ctx.channel().isWritable() || !perAllocation.tryPass(size, now) || !global.tryPass(size, now)) {
            limited.increment();
            packet.release();
            return;
        }
        ctx.write(new DatagramPacket(content, target), ctx.voidPromise());
        forwardedPackets.increment();
        forwardedBytes.add(size);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket reports ICMP errors and the like here; the port stays open.
        LOG.log(System.Logger.Level.DEBUG, "event=relay_socket_error allocation={0} error={1}",
                allocation.id(), cause.toString());
    }

    /** Whether the datagram taught the allocation a side's address (it may then be forwarded). */
    private boolean learn(InetSocketAddress sender, ByteBuf content) {
        if (content.readableBytes() != WireGuardMessage.INITIATION.size()
                || content.getByte(content.readerIndex()) != WireGuardMessage.INITIATION.type()
                || sender.getPort() == 0 || sender.getAddress() == null
                || !learning.tryTake(1, nanos.getAsLong())) {
            return false;
        }
        byte[] bytes = new byte[WireGuardMessage.INITIATION.size()];
        content.getBytes(content.readerIndex(), bytes);
        Set<RelaySide> validFor = EnumSet.noneOf(RelaySide.class);
        try {
            if (towardsA.verifies(bytes, 0, bytes.length)) {
                validFor.add(RelaySide.A);
            }
            if (towardsB.verifies(bytes, 0, bytes.length)) {
                validFor.add(RelaySide.B);
            }
        } catch (WireGuardMessageException e) {
            return false;
        }
        Endpoint source = new Endpoint(plain(sender.getAddress()), sender.getPort());
        Learning result = allocation.onInitiation(source, validFor);
        if (!(result instanceof Learning.Learned learned)) {
            LOG.log(System.Logger.Level.DEBUG, "event=relay_initiation_rejected allocation={0} reason={1}",
                    allocation.id(), ((Learning.Rejected) result).why());
            return false;
        }
        allocation = learned.allocation();
        if (learned.side() == RelaySide.A) {
            rawA = sender;
        } else {
            rawB = sender;
        }
        if (learned.changed()) {
            LOG.log(System.Logger.Level.INFO, "event=relay_side_learned allocation={0} side={1} state={2}",
                    allocation.id(), learned.side(), allocation.isActive() ? "active" : "half");
            if (allocation.isActive()) {
                route = new Route(rawA, rawB);
                onActivated.accept(allocation);
            }
        }
        return true;
    }

    /** An IPv4-mapped IPv6 address (from a dual-stack socket) as the IPv4 address it is. */
    static InetAddress plain(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }
}
