package dev.wireplug.adapters.wireguard;

import dev.wireplug.adapters.wireguard.jna.linux.LibC;
import dev.wireplug.adapters.wireguard.jna.linux.NetlinkSocket;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.domain.network.NetworkChange;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Network changes on Linux, the moment the kernel announces them: an rtnetlink socket joined to
 * the link, IPv4/IPv6 address and IPv4/IPv6 route multicast groups. Loopback, WireGuard and TUN
 * interfaces are left out (our own tunnel changing is not the network changing); only default
 * routes of the main table count as route changes.
 */
final class RtnetlinkNetworkMonitor implements NetworkMonitor {
    /** How often the reader wakes up to notice close(); not a latency (events wake it at once). */
    private static final Duration POLL = Duration.ofMillis(200);

    private final Duration debounce;
    private final Map<Integer, RtnetlinkCodec.Event.Link> links = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread reader;
    private NetlinkSocket events;
    private Debouncer<NetworkChange> debouncer;

    RtnetlinkNetworkMonitor(Duration debounce) {
        this.debounce = debounce;
    }

    @Override
    public NetworkSnapshot snapshot() {
        try (NetlinkSocket socket = NetlinkSocket.open(LibC.NETLINK_ROUTE, 0, Duration.ofSeconds(5))) {
            RtnetlinkRequests requests = new RtnetlinkRequests(socket, 0);
            List<RtnetlinkCodec.Event.Link> allLinks =
                    RtnetlinkRequests.only(requests.dump(RtnetlinkCodec.RTM_GETLINK), RtnetlinkCodec.Event.Link.class);
            List<RtnetlinkCodec.Event.Address> addresses = RtnetlinkRequests.only(
                    requests.dump(RtnetlinkCodec.RTM_GETADDR), RtnetlinkCodec.Event.Address.class);
            List<RtnetlinkCodec.Event.Route> routes = RtnetlinkRequests.only(
                    requests.dump(RtnetlinkCodec.RTM_GETROUTE), RtnetlinkCodec.Event.Route.class);
            return LanSnapshots.from(allLinks, addresses, routes);
        } catch (IOException | NetlinkFormatException | UnsatisfiedLinkError e) {
            // The snapshot is advisory (same-LAN checks, where to ask for port mappings): degrade to
            // what the JDK and /proc can tell rather than fail the daemon.
            System.err.println("event=rtnetlink_snapshot_failed fallback=jdk error=\"" + e.getMessage() + "\"");
            return JdkNetworkSnapshots.current(name -> false);
        }
    }

    @Override
    public synchronized void start(Consumer<NetworkChange> listener) {
        if (reader != null) {
            throw new IllegalStateException("the monitor is already started");
        }
        try {
            events = NetlinkSocket.open(LibC.NETLINK_ROUTE, RtnetlinkCodec.MONITOR_GROUPS, POLL);
            // Learn the existing links first so address and route events can be named and filtered.
            try (NetlinkSocket socket = NetlinkSocket.open(LibC.NETLINK_ROUTE, 0, Duration.ofSeconds(5))) {
                for (RtnetlinkCodec.Event.Link link : RtnetlinkRequests.only(
                        new RtnetlinkRequests(socket, 0).dump(RtnetlinkCodec.RTM_GETLINK),
                        RtnetlinkCodec.Event.Link.class)) {
                    links.put(link.index(), link);
                }
            }
        } catch (IOException | NetlinkFormatException e) {
            if (events != null) {
                events.close();
            }
            throw new IllegalStateException("cannot listen to rtnetlink: " + e.getMessage(), e);
        }
        debouncer = new Debouncer<>(debounce, listener, "wireplug-network-debounce");
        reader = new Thread(this::readLoop, "wireplug-rtnetlink-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        while (!closed) {
            byte[] datagram;
            try {
                datagram = events.receive();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (NetlinkSocket.NetlinkOverrunException e) {
                // Events were lost: we cannot say which, so say something changed everywhere we know.
                System.err.println("event=rtnetlink_overrun");
                links.values().stream().filter(LanSnapshots::isLan)
                        .forEach(l -> debouncer.offer(new NetworkChange.LinkChanged(l.name(), l.up())));
                continue;
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("event=rtnetlink_receive_failed error=\"" + e.getMessage() + "\"");
                }
                return;
            }
            try {
                for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(datagram))) {
                    Optional<RtnetlinkCodec.Event> event = RtnetlinkCodec.decode(m);
                    if (event.isPresent()) {
                        translate(event.get()).ifPresent(debouncer::offer);
                    }
                }
            } catch (NetlinkFormatException e) {
                System.err.println("event=rtnetlink_bad_message error=\"" + e.getMessage() + "\"");
            }
        }
    }

    /** One kernel message as the change the daemon cares about, if any. */
    Optional<NetworkChange> translate(RtnetlinkCodec.Event event) {
        return switch (event) {
            case RtnetlinkCodec.Event.Link link -> {
                RtnetlinkCodec.Event.Link before = link.deleted() ? links.remove(link.index())
                        : links.put(link.index(), link);
                boolean changed = before == null || before.up() != link.up() || link.deleted();
                yield changed && LanSnapshots.isLan(link)
                        ? Optional.of(new NetworkChange.LinkChanged(link.name(), link.up()))
                        : Optional.empty();
            }
            case RtnetlinkCodec.Event.Address address -> {
                RtnetlinkCodec.Event.Link link = links.get(address.index());
                if (link != null && !LanSnapshots.isLan(link)) {
                    yield Optional.empty();
                }
                String name = link != null ? link.name() : address.label().orElse("if" + address.index());
                yield Optional.of(new NetworkChange.AddressChanged(name, address.prefix(), address.added()));
            }
            case RtnetlinkCodec.Event.Route route -> {
                RtnetlinkCodec.Event.Link link = links.get(route.index());
                if (!route.isDefault() || link != null && !LanSnapshots.isLan(link)) {
                    yield Optional.empty();
                }
                yield Optional.of(new NetworkChange.DefaultRouteChanged(
                        link != null ? link.name() : "if" + route.index()));
            }
        };
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (reader != null) {
            try {
                reader.join(POLL.toMillis() * 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (events != null) {
            events.close();
        }
        if (debouncer != null) {
            debouncer.close();
        }
    }
}
