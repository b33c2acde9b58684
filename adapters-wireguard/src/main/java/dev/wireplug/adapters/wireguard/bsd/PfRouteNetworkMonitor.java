package dev.wireplug.adapters.wireguard.bsd;

import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.domain.network.NetworkChange;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Network changes on OpenBSD, FreeBSD and macOS from a PF_ROUTE socket: every routing message is
 * decoded ({@link RouteMessageDecoder}); changes are held until the socket has been quiet for the
 * debounce interval (a DHCP renewal or a Wi-Fi roam is a burst of messages) and then delivered once
 * each, in order. The snapshot lists LAN prefixes from the JDK and asks the routing socket for the
 * default gateways ({@link DefaultGatewayQuery}).
 */
public final class PfRouteNetworkMonitor implements NetworkMonitor {
    private static final System.Logger LOG = System.getLogger(PfRouteNetworkMonitor.class.getName());
    /** Reads wake up this often to notice close() and a debounce that has run out. */
    static final int POLL_MILLIS = 25;
    private static final int GATEWAY_TIMEOUT_MILLIS = 1000;
    /** A routing message is at most a few hundred bytes; OpenBSD caps them at RTM_MAXSIZE 2048. */
    private static final int BUFFER_SIZE = 8192;

    private final RoutingSocket.Opener opener;
    private final RouteMessageDecoder decoder;
    private final DefaultGatewayQuery gateways;
    private final ThreadFactory threads;
    private final long debounceNanos;
    private final LongSupplier nanoTime;
    private final Supplier<List<LanAddresses.Interface>> interfaces;
    private final AtomicInteger sequence = new AtomicInteger(1);
    private final int pid = (int) ProcessHandle.current().pid();
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final LinkedHashSet<NetworkChange> pending = new LinkedHashSet<>();

    /** Long enough to gather a burst, short enough that a change is known well within 100 ms. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(30);

    private volatile boolean closed;
    private RoutingSocket socket;
    private Thread reader;
    private long lastEventNanos;

    public PfRouteNetworkMonitor(RoutingSocket.Opener opener, RoutingSocketLayout layout,
            IntFunction<Optional<String>> names, ThreadFactory threads, Duration debounce, LongSupplier nanoTime,
            Supplier<List<LanAddresses.Interface>> interfaces) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.decoder = new RouteMessageDecoder(layout, names);
        this.gateways = new DefaultGatewayQuery(layout);
        this.threads = Objects.requireNonNull(threads, "threads");
        this.debounceNanos = debounce.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
    }

    @Override
    public NetworkSnapshot snapshot() {
        return new NetworkSnapshot(LanAddresses.select(interfaces.get()), gateway(false), gateway(true));
    }

    private Optional<InetAddress> gateway(boolean ipv6) {
        try (RoutingSocket query = opener.open()) {
            int seq = sequence.getAndIncrement();
            query.write(gateways.request(ipv6, pid, seq));
            byte[] reply = new byte[BUFFER_SIZE];
            long deadline = nanoTime.getAsLong() + Duration.ofMillis(GATEWAY_TIMEOUT_MILLIS).toNanos();
            while (nanoTime.getAsLong() < deadline) {
                int n = query.read(reply, POLL_MILLIS);
                if (n <= 0) {
                    continue;
                }
                DefaultGatewayQuery.Answer answer = gateways.answer(reply, n, pid, seq);
                if (answer instanceof DefaultGatewayQuery.Answer.Gateway(InetAddress address)) {
                    return (address instanceof Inet4Address) != ipv6 ? Optional.of(address) : Optional.empty();
                }
                if (answer instanceof DefaultGatewayQuery.Answer.NoGateway) {
                    return Optional.empty();
                }
            }
            LOG.log(Level.WARNING, "event=gateway_query_timeout family={0}", ipv6 ? "inet6" : "inet");
        } catch (IOException | RouteMessageException e) {
            // An absent default route answers ESRCH on the write on some systems: no gateway.
            LOG.log(Level.DEBUG, "event=gateway_query_failed family={0} reason={1}", ipv6 ? "inet6" : "inet",
                    e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public synchronized void start(Consumer<NetworkChange> listener) {
        Objects.requireNonNull(listener, "listener");
        if (reader != null) {
            throw new IllegalStateException("the monitor is already started");
        }
        try {
            socket = opener.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the PF_ROUTE socket", e);
        }
        reader = threads.newThread(() -> {
            while (!closed) {
                step(listener);
            }
        });
        reader.start();
    }

    /** One read (or timeout) and, when the burst is over, the delivery of what it brought. */
    void step(Consumer<NetworkChange> listener) {
        try {
            int n = socket.read(buffer, POLL_MILLIS);
            if (n > 0) {
                List<NetworkChange> changes = decoder.decode(buffer, n);
                if (!changes.isEmpty()) {
                    pending.addAll(changes);
                    lastEventNanos = nanoTime.getAsLong();
                }
            }
        } catch (RouteMessageException e) {
            LOG.log(Level.WARNING, "event=route_message_skipped reason={0}", e.getMessage());
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "event=route_socket_read_failed reason={0}", e.getMessage());
            }
        }
        if (!pending.isEmpty() && nanoTime.getAsLong() - lastEventNanos >= debounceNanos) {
            List<NetworkChange> burst = new ArrayList<>(pending);
            pending.clear();
            burst.forEach(listener);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = reader;
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (socket != null) {
            socket.close();
        }
    }
}
