package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.domain.relay.RelayAllocation;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayRateLimiter;
import dev.wireplug.domain.relay.RelayState;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The Netty side shared by both data planes: one UDP channel per allocation, bound to
 * {@code bindAddress:port}, with a {@link RelayHandler}. One port per allocation (not one per
 * side): both peers are told the same relay endpoint and the handler tells them apart by their
 * learned source addresses, which halves the ports used and keeps the kernel rules to one port.
 *
 * <p>On Linux it uses the native epoll transport with recvmmsg (a read fills one buffer with up to
 * {@value #DATAGRAMS_PER_READ} datagrams, {@code MAX_DATAGRAM_PAYLOAD_SIZE}) and sendmmsg for the
 * writes of one read batch; elsewhere NIO. SO_REUSEPORT is not used: each allocation has its own
 * port, so there is nothing to spread over sockets.
 */
final class UdpRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UdpRelay.class.getName());
    /** The largest datagram relayed: a WireGuard packet for a 1500-byte inner MTU is 1532 bytes. */
    static final int MAX_DATAGRAM = 2048;
    static final int DATAGRAMS_PER_READ = 32;
    private static final int SOCKET_BUFFER = 4 << 20;

    private record Held(Channel channel, RelayHandler handler, int port) {}

    private final InetAddress bindAddress;
    private final RelayRateLimiter global;
    private final LongSupplier nanos;
    private final RelayOffload offload;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final Map<RelayAllocationId, Held> held = new ConcurrentHashMap<>();

    UdpRelay(InetAddress bindAddress, RelayLimits globalLimits, int threads, boolean preferEpoll, LongSupplier nanos,
            RelayOffload offload) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.global = new RelayRateLimiter(globalLimits, nanos.getAsLong());
        this.offload = Objects.requireNonNull(offload, "offload");
        this.epoll = preferEpoll && Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    boolean usesEpoll() {
        return epoll;
    }

    int open(Opening opening) throws RelayException {
        if (held.containsKey(opening.id())) {
            throw new RelayException(opening.id() + " is already open");
        }
        RelayAllocation allocation = RelayAllocation.pending(opening.id(), opening.a(), opening.b());
        // Set once bound; the handler cannot learn anything before the peers are told the port.
        AtomicInteger boundPort = new AtomicInteger();
        RelayHandler handler = new RelayHandler(allocation, new RelayRateLimiter(opening.limits(), nanos.getAsLong()),
                global, nanos, active -> offload.activated(active, boundPort.get()));
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(
                        epoll ? MAX_DATAGRAM * DATAGRAMS_PER_READ : MAX_DATAGRAM))
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 64)
                .handler(handler);
        if (epoll) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
        }
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(bindAddress, opening.port())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new RelayException("cannot bind relay port " + bindAddress.getHostAddress() + ":" + opening.port()
                    + ": " + bound.cause().getMessage(), bound.cause());
        }
        Channel channel = bound.channel();
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        boundPort.set(port);
        try {
            offload.opened(opening, port);
        } catch (Exception e) {
            channel.close().awaitUninterruptibly();
            throw new RelayException("cannot prepare the offload for " + opening.id() + ": " + e.getMessage(), e);
        }
        held.put(opening.id(), new Held(channel, handler, port));
        LOG.log(System.Logger.Level.INFO, "event=relay_opened allocation={0} port={1} transport={2}",
                opening.id(), port, epoll ? "epoll" : "nio");
        return port;
    }

    Optional<RelayState> learned(RelayAllocationId id) {
        return Optional.ofNullable(held.get(id)).map(h -> h.handler().state());
    }

    RelayCounters counters(RelayAllocationId id) {
        Held h = held.get(id);
        if (h == null) {
            return RelayCounters.ZERO;
        }
        RelayCounters user = h.handler().counters();
        RelayCounters kernel = offload.counters(id);
        return new RelayCounters(user.forwardedPackets() + kernel.forwardedPackets(),
                user.forwardedBytes() + kernel.forwardedBytes(), user.droppedPackets() + kernel.droppedPackets(),
                user.limitedPackets() + kernel.limitedPackets());
    }

    void close(RelayAllocationId id) {
        Held h = held.remove(id);
        if (h == null) {
            return;
        }
        offload.closed(id);
        h.channel().close().awaitUninterruptibly();
        LOG.log(System.Logger.Level.INFO, "event=relay_closed allocation={0} port={1}", id, h.port());
    }

    @Override
    public void close() {
        for (RelayAllocationId id : held.keySet()) {
            close(id);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
