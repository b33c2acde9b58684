package dev.wireplug.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario building blocks for the daemons: wpcod on the coordinator host (both its addresses, for
 * RFC 5780), and a wireplugd config for a host that lists its peers by key only, with no
 * Endpoint: finding each other is the daemons' job.
 */
public final class Coordination {
    public static final int PORT = 3478;
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9+/]{43}=$", Pattern.MULTILINE);
    private static final Duration JVM_START = Duration.ofSeconds(60);

    /** A running coordinator and the public key clients pin. */
    public record Running(LabProcess process, String publicKey, String address) {}

    private Coordination() {}

    public static Running startCoordinator(Lab lab, String... extraArgs) {
        return start(lab, "wpcod-server", extraArgs);
    }

    /** Starts wpcod again on the same key file and addresses, as after a crash or an upgrade. */
    public static Running restartCoordinator(Lab lab, String... extraArgs) {
        return start(lab, "wpcod-restarted", extraArgs);
    }

    private static Running start(Lab lab, String label, String... extraArgs) {
        LabCoordinator coordinator = lab.coordinator();
        String keyFile = lab.runDir().resolve("wpcod.key").toString();
        LabProcess print = coordinator.startWpcod("--key-file", keyFile, "--print-public-key");
        OptionalInt exit = print.waitFor(JVM_START);
        Matcher key = KEY.matcher(print.logText());
        if (exit.isEmpty() || exit.getAsInt() != 0 || !key.find()) {
            throw new LabException("wpcod --print-public-key failed: " + print.logText());
        }
        String address = coordinator.address(0);
        List<String> args = new java.util.ArrayList<>(List.of("--key-file", keyFile,
                "--listen", address + ":" + PORT, "--alternate-address", coordinator.address(1)));
        args.addAll(List.of(extraArgs));
        List<String> command = new java.util.ArrayList<>(List.of(lab.programs().path("wpcod").toString()));
        command.addAll(args);
        LabProcess process = coordinator.start(label, command);
        process.awaitLog(line -> line.contains("event=started"), JVM_START);
        return new Running(process, key.group(), address);
    }

    /**
     * One of several wpcod instances on the coordinator host, each on its own address (0 or 1)
     * and the shared key file, with the given extra arguments (a shared {@code --store}, say).
     */
    public static Running startInstance(Lab lab, String label, int address, String... extraArgs) {
        LabCoordinator coordinator = lab.coordinator();
        String keyFile = lab.runDir().resolve("wpcod.key").toString();
        LabProcess print = coordinator.startWpcod("--key-file", keyFile, "--print-public-key");
        OptionalInt exit = print.waitFor(JVM_START);
        Matcher key = KEY.matcher(print.logText());
        if (exit.isEmpty() || exit.getAsInt() != 0 || !key.find()) {
            throw new LabException("wpcod --print-public-key failed: " + print.logText());
        }
        String listen = coordinator.address(address);
        List<String> command = new java.util.ArrayList<>(List.of(LabPaths.program("wpcod").toString(),
                "--key-file", keyFile, "--listen", listen + ":" + PORT));
        command.addAll(List.of(extraArgs));
        LabProcess process = coordinator.start(label, command);
        process.awaitLog(line -> line.contains("event=started"), JVM_START);
        return new Running(process, key.group(), listen);
    }

    /** A config for {@code host}: its lab key and overlay address, each peer by key and overlay address. */
    public static String clientConfig(LabHost host, Running coordinator, List<LabHost> peers, String... wireplugLines) {
        StringBuilder text = new StringBuilder();
        text.append("[Interface]\n");
        text.append("PrivateKey = ").append(host.privateKey()).append('\n');
        text.append("Address = ").append(host.overlayAddress()).append("/24\n");
        for (LabHost peer : peers) {
            text.append("\n[Peer]\n");
            text.append("PublicKey = ").append(peer.publicKey()).append('\n');
            text.append("AllowedIPs = ").append(peer.overlayAddress()).append("/32\n");
        }
        text.append("\n[Wireplug]\n");
        text.append("Coordinator = ").append(coordinator.address()).append(':').append(PORT).append('\n');
        text.append("CoordinatorKey = ").append(coordinator.publicKey()).append('\n');
        for (String line : wireplugLines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** Starts wireplugd on the host and waits until it runs. */
    public static LabProcess startDaemon(LabHost host, String config, String... extraArgs) {
        LabProcess daemon = host.startWireplugd(config, extraArgs);
        daemon.awaitLog(line -> line.contains("event=running") || line.contains("wireplugd: "), JVM_START);
        if (!daemon.alive()) {
            throw new LabException("wireplugd on " + host.name() + " exited: " + daemon.logText());
        }
        return daemon;
    }

    /**
     * Pings {@code to}'s overlay address from {@code from} until a reply comes or the time is up;
     * gives how long the first reply took.
     */
    public static Optional<Duration> firstReply(LabHost from, LabHost to, Duration within) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (from.ping(to.overlayAddress(), 1, Duration.ofMillis(200)).count() > 0) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return Optional.empty();
    }
}
