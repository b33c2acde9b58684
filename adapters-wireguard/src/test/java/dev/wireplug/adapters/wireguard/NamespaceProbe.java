package dev.wireplug.adapters.wireguard;

import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.domain.device.InterfaceSetup;
import dev.wireplug.domain.net.InterfaceName;
import dev.wireplug.domain.net.IpPrefix;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs an adapter inside a network namespace: the lab tests start it with
 * {@code ip netns exec NS java -cp ... NamespaceProbe MODE ...}, because netlink talks to the
 * namespace of the calling process. Output is one line per fact, read by the test.
 * <ul>
 * <li>{@code monitor DEBOUNCE_MS} (rtnetlink) or {@code poll INTERVAL_MS} (JDK polling): prints "snapshot ...", "ready", then "event NANOTIME CHANGE"
 *     per change (System.nanoTime is CLOCK_MONOTONIC, comparable with the parent's), until stdin
 *     closes.</li>
 * <li>{@code configure IFNAME MTU|- ADDRESSES|- ROUTES|-}: prints "ok" or "error MESSAGE".</li>
 * <li>{@code hold-udp PORT}: binds UDP PORT on all addresses, prints "bound", holds it until stdin closes.</li>
 * <li>{@code start IFNAME}: starts wireguard-go through the starter, reads the device, stops it;
 *     prints "started-here=...", "read listen_port=..." and "stopped socket=..." (or "error ...").</li>
 * </ul>
 */
public final class NamespaceProbe {
    private NamespaceProbe() {}

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "monitor" -> monitor(new RtnetlinkNetworkMonitor(Duration.ofMillis(Integer.parseInt(args[1]))));
            case "poll" -> monitor(new PollingNetworkMonitor(Duration.ofMillis(Integer.parseInt(args[1])), "wgt-none"));
            case "configure" -> configure(args);
            case "start" -> start(args[1]);
            case "hold-udp" -> holdUdp(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void monitor(NetworkMonitor chosen) throws IOException {
        try (NetworkMonitor monitor = chosen) {
            System.out.println("snapshot " + monitor.snapshot());
            monitor.start(change -> {
                long now = System.nanoTime();
                System.out.println("event " + now + " " + change);
                System.out.flush();
            });
            System.out.println("ready");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static void holdUdp(int port) throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(port)) {
            System.out.println("bound " + socket.getLocalPort());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static void start(String ifname) {
        InterfaceName name = new InterfaceName(ifname);
        try (var running = new ChildProcessWireGuardInterfaceStarter("wireguard-go", Duration.ofSeconds(10)).start(name)) {
            System.out.println("started-here=" + running.startedHere());
            var device = new UapiWireGuardDevice(name, UapiWireGuardDevice.socketFor(name), Duration.ofSeconds(5));
            System.out.println("read listen_port=" + device.read().listenPort());
        } catch (DeviceException e) {
            System.out.println("error " + e.getMessage());
        }
        System.out.println("stopped socket=" + java.nio.file.Files.exists(UapiWireGuardDevice.socketFor(name))
                + " link=" + (dev.wireplug.adapters.wireguard.jna.linux.LibC.INSTANCE.if_nametoindex(ifname) != 0));
    }

    private static List<IpPrefix> prefixes(String arg) {
        return arg.equals("-") ? List.of() : Arrays.stream(arg.split(",")).map(IpPrefix::parse).toList();
    }

    private static void configure(String[] args) {
        InterfaceSetup setup = new InterfaceSetup(new InterfaceName(args[1]), prefixes(args[3]),
                args[2].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(args[2])), prefixes(args[4]));
        try {
            new RtnetlinkInterfaceConfigurator(Duration.ofSeconds(5)).configure(setup);
            System.out.println("ok");
        } catch (DeviceException e) {
            System.out.println("error " + e.getMessage());
        }
    }
}
