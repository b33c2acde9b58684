package dev.wireplug.adapters.wireguard;

import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkChange;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The everywhere fallback: asks the JDK for the interfaces every {@code interval} and reports what
 * differs from the last look. Slower than an OS event source by the interval, never wrong for long.
 */
final class PollingNetworkMonitor implements NetworkMonitor {
    /** What one look at the host found: per interface, whether it is up and its addresses. */
    record Observation(Map<String, Boolean> up, Map<String, Set<IpPrefix>> addresses, NetworkSnapshot snapshot) {}

    private final Duration interval;
    private final Supplier<Observation> observer;
    private ScheduledExecutorService scheduler;
    private Observation last;

    /** Polls every {@code interval}, leaving out tunnels and the interface named {@code own}. */
    PollingNetworkMonitor(Duration interval, String own) {
        this(interval, () -> observe(own));
    }

    PollingNetworkMonitor(Duration interval, Supplier<Observation> observer) {
        this.interval = interval;
        this.observer = observer;
    }

    @Override
    public NetworkSnapshot snapshot() {
        return observer.get().snapshot();
    }

    @Override
    public synchronized void start(Consumer<NetworkChange> listener) {
        if (scheduler != null) {
            throw new IllegalStateException("the monitor is already started");
        }
        last = observer.get();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wireplug-network-poll");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Observation now = observer.get();
                List<NetworkChange> changes = diff(last, now);
                last = now;
                changes.forEach(listener);
            } catch (RuntimeException e) {
                System.err.println("event=network_poll_failed error=\"" + e + "\"");
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The changes between two looks, links first, then addresses, then default routes. */
    static List<NetworkChange> diff(Observation before, Observation after) {
        List<NetworkChange> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(before.up().keySet());
        names.addAll(after.up().keySet());
        for (String name : names) {
            boolean was = before.up().getOrDefault(name, false);
            boolean is = after.up().getOrDefault(name, false);
            if (was != is) {
                out.add(new NetworkChange.LinkChanged(name, is));
            }
        }
        Set<String> withAddresses = new LinkedHashSet<>(before.addresses().keySet());
        withAddresses.addAll(after.addresses().keySet());
        for (String name : withAddresses) {
            Set<IpPrefix> old = before.addresses().getOrDefault(name, Set.of());
            Set<IpPrefix> now = after.addresses().getOrDefault(name, Set.of());
            now.stream().filter(a -> !old.contains(a)).forEach(a -> out.add(new NetworkChange.AddressChanged(name, a, true)));
            old.stream().filter(a -> !now.contains(a)).forEach(a -> out.add(new NetworkChange.AddressChanged(name, a, false)));
        }
        NetworkSnapshot b = before.snapshot();
        NetworkSnapshot a = after.snapshot();
        if (!Objects.equals(b.ipv4Gateway(), a.ipv4Gateway()) || !Objects.equals(b.ipv6Gateway(), a.ipv6Gateway())) {
            // The JDK cannot say through which interface the new default route goes.
            out.add(new NetworkChange.DefaultRouteChanged(""));
        }
        return out;
    }

    static Observation observe(String own) {
        Map<String, Boolean> up = new TreeMap<>();
        Map<String, Set<IpPrefix>> addresses = new TreeMap<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isLoopback() || nif.getName().equals(own) || JdkNetworkSnapshots.looksLikeTunnel(nif.getName())) {
                    continue;
                }
                up.put(nif.getName(), nif.isUp());
                Set<IpPrefix> mine = new LinkedHashSet<>();
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    int length = a.getNetworkPrefixLength();
                    byte[] bytes = a.getAddress().getAddress();
                    if (length >= 0 && length <= bytes.length * 8) {
                        mine.add(new IpPrefix(InetAddress.getByAddress(bytes), length));
                    }
                }
                addresses.put(nif.getName(), mine);
            }
        } catch (SocketException | UnknownHostException e) {
            System.err.println("event=jdk_interfaces_failed error=\"" + e.getMessage() + "\"");
        }
        return new Observation(up, addresses, JdkNetworkSnapshots.current(own::equals));
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
