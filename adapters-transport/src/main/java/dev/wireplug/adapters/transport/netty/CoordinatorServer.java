package dev.wireplug.adapters.transport.netty;

import dev.wireplug.adapters.transport.server.CoordinatorDispatcher;
import dev.wireplug.adapters.transport.server.CoordinatorProtocol;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.server.SessionPeerNotifier;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.port.in.RendezvousUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.domain.key.KeyPair;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * wpcod's UDP server: one socket (or RFC 5780's four, with an alternate address) shared by STUN
 * and the coordinator protocol, on one event loop thread, epoll where available.
 *
 * <p>Usage from the bootstrap:
 * <pre>
 *   var server = new CoordinatorServer(serverKey,
 *           notifier -&gt; new RendezvousService(store, notifier, clock, Duration.ofSeconds(90)),
 *           clock, new SecureRandom(), CoordinatorSettings.defaults());
 *   server.start(new StunServer.Topology(listen, alternate));   // binds, returns
 *   ... server.close();                                         // on SIGTERM
 * </pre>
 */
public final class CoordinatorServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CoordinatorServer.class.getName());
    private static final long SWEEP_SECONDS = 5;
    private static final long TICK_MILLIS = 100;

    private final KeyPair serverKey;
    private final Function<PeerNotifier, RendezvousUseCase> rendezvousFactory;
    private final Clock clock;
    private final SecureRandom random;
    private final CoordinatorSettings settings;
    private final NettyOutbox outbox = new NettyOutbox();
    private final List<Channel> channels = new ArrayList<>();
    private EventLoopGroup group;
    private volatile CoordinatorProtocol protocol;
    private volatile CoordinatorDispatcher dispatcher;

    public CoordinatorServer(KeyPair serverKey, Function<PeerNotifier, RendezvousUseCase> rendezvousFactory,
            Clock clock, SecureRandom random, CoordinatorSettings settings) {
        this.serverKey = serverKey;
        this.rendezvousFactory = rendezvousFactory;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
    }

    /** Binds every socket of the topology; throws if any cannot be bound (and binds none). */
    public synchronized void start(StunServer.Topology topology) throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        RendezvousUseCase[] rendezvous = new RendezvousUseCase[1];
        protocol = new CoordinatorProtocol(serverKey, () -> rendezvous[0], clock, random, outbox, settings);
        rendezvous[0] = rendezvousFactory.apply(new SessionPeerNotifier(protocol));
        dispatcher = new CoordinatorDispatcher(protocol, new StunServer(topology), outbox, clock);
        DatagramDecoder decoder = new DatagramDecoder();
        DispatchHandler handler = new DispatchHandler(dispatcher);
        group = new MultiThreadIoEventLoopGroup(1, Transports.ioHandlerFactory());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(Transports.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast(decoder, handler);
                    }
                });
        try {
            for (InetSocketAddress address : topology.sockets()) {
                Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
                channels.add(channel);
                outbox.add((InetSocketAddress) channel.localAddress(), channel);
                LOG.log(System.Logger.Level.INFO, "event=listening address={0} transport={1}",
                        channel.localAddress(), Transports.epoll() ? "epoll" : "nio");
            }
        } catch (RuntimeException e) {
            close();
            throw new IOException("cannot bind " + topology.sockets() + ": " + e.getMessage(), e);
        }
        group.next().scheduleAtFixedRate(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        group.next().scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            protocol.tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=tick-error error={0}", e.toString());
        }
    }

    private void sweep() {
        try {
            protocol.sweep();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=sweep-error error={0}", e.toString());
        }
    }

    /** The sockets actually bound (ports resolved when 0 was asked). */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    public CoordinatorProtocol.Counters counters() {
        return protocol.counters();
    }

    /** STUN binding requests answered (for metrics). */
    public long stunAnswers() {
        CoordinatorDispatcher d = dispatcher;
        return d == null ? 0 : d.stunAnswers();
    }

    /** Sessions held, handshakes pending included (for metrics). */
    public int sessionCount() {
        CoordinatorProtocol p = protocol;
        return p == null ? 0 : p.sessionCount();
    }

    @Override
    public synchronized void close() {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
        channels.clear();
        if (group != null) {
            Future<?> done = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            done.syncUninterruptibly();
            group = null;
        }
    }
}
