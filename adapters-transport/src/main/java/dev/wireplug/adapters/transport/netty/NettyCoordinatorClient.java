package dev.wireplug.adapters.transport.netty;

import dev.wireplug.adapters.transport.client.ClientProtocol;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.endpoint.DirectPathReport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * wireplugd's session with wpcod over Netty: one UDP socket, one event-loop thread that runs the
 * {@link ClientProtocol} (so it needs no locks), and a timer for retransmission, keepalives (which
 * also keep our NAT mapping alive) and re-handshakes. The timer is set for the moment the protocol
 * next has something to do ({@link ClientProtocol#nextDue}), at most {@link #MAX_SLEEP_MILLIS}
 * ahead: an idle daemon wakes for its keepalive, not ten times a second. The listener is called
 * on that thread.
 */
public final class NettyCoordinatorClient implements CoordinatorClient {
    /** A backstop: the timer is re-armed after every event, but a clock step must not stall it. */
    static final long MAX_SLEEP_MILLIS = 5000;

    private final KeyPair identity;
    private final PublicKey coordinatorKey;
    private final InetSocketAddress coordinator;
    private final InetSocketAddress bind;
    private final Clock clock;
    private final SecureRandom random;
    private EventLoopGroup group;
    private Channel channel;
    private ClientProtocol protocol;
    /** The armed timer; touched on the event loop only. */
    private ScheduledFuture<?> wakeup;

    /**
     * @param coordinator the coordinator's resolved address
     * @param bind the local address to send from (port 0: any)
     */
    public NettyCoordinatorClient(KeyPair identity, PublicKey coordinatorKey, InetSocketAddress coordinator,
            InetSocketAddress bind, Clock clock, SecureRandom random) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.coordinatorKey = Objects.requireNonNull(coordinatorKey, "coordinatorKey");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.bind = Objects.requireNonNull(bind, "bind");
        this.clock = clock;
        this.random = random;
    }

    @Override
    public synchronized void start(Listener listener) {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(1, Transports.ioHandlerFactory());
        Channel[] self = new Channel[1];
        protocol = new ClientProtocol(identity, coordinatorKey, clock, random,
                bytes -> self[0].writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), coordinator),
                        self[0].voidPromise()),
                listener);
        ClientProtocol p = protocol;
        channel = new Bootstrap().group(group).channel(Transports.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDecoder(), new SimpleChannelInboundHandler<InboundDatagram>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, InboundDatagram d) {
                                // Only the coordinator's address speaks this protocol to us.
                                if (coordinator.equals(d.sender())) {
                                    p.onDatagram(d.bytes());
                                    rearm(ctx.channel().eventLoop(), p);
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                listener.problem("coordinator session: " + cause);
                            }
                        });
                    }
                })
                .bind(bind).syncUninterruptibly().channel();
        self[0] = channel;
        EventLoop loop = channel.eventLoop();
        loop.execute(() -> rearm(loop, p));
    }

    /** Sets the timer for the protocol's next due moment (on the event loop). */
    private void rearm(EventLoop loop, ClientProtocol p) {
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        long delay = p.nextDue()
                .map(due -> Duration.between(clock.now(), due).toNanos())
                // Rounded up: a timer that fires a little early would find nothing due and spin.
                .map(nanos -> Math.max(0, (nanos + 999_999) / 1_000_000))
                .orElse(MAX_SLEEP_MILLIS);
        wakeup = loop.schedule(() -> {
            p.tick();
            rearm(loop, p);
        }, Math.min(delay, MAX_SLEEP_MILLIS), TimeUnit.MILLISECONDS);
    }

    @Override
    public void announce(Announce announce) {
        Channel c;
        ClientProtocol p;
        synchronized (this) {
            c = channel;
            p = protocol;
        }
        if (c == null) {
            throw new IllegalStateException("start() first");
        }
        c.eventLoop().execute(() -> {
            p.announce(announce);
            rearm(c.eventLoop(), p);
        });
    }

    @Override
    public void reportPath(PublicKey peer, DirectPathReport report) {
        Channel c;
        ClientProtocol p;
        synchronized (this) {
            c = channel;
            p = protocol;
        }
        if (c != null) {
            c.eventLoop().execute(() -> p.reportPath(peer, report));
        }
    }

    /** The local address of the session's socket (for tests and status). */
    public synchronized InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
