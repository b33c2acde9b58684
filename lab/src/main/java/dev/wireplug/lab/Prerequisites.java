package dev.wireplug.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the lab needs from the machine, and a message naming what is missing. */
public final class Prerequisites {

    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Prerequisites() {
    }

    /** Finds a program on PATH or in the sbin directories (a JVM's PATH often lacks them). */
    public static Optional<Path> find(String program) {
        Set<String> dirs = new LinkedHashSet<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SBIN);
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static String path(String program) {
        return find(program).map(Path::toString)
                .orElseThrow(() -> new LabException("missing program " + program + " (run lab/setup as root)"));
    }

    /** Everything missing to run {@code topology}: empty when it can run. */
    public static List<String> missing(Topology topology) {
        List<String> missing = new ArrayList<>(missingBase());
        if (topology.hosts().stream().anyMatch(Topology.HostSpec::wireguard)) {
            for (String p : List.of("wireguard-go", "wg")) {
                if (find(p).isEmpty()) {
                    missing.add("program " + p);
                }
            }
        }
        if (topology.routers().stream().anyMatch(Topology.RouterSpec::upnp) && find("miniupnpd").isEmpty()) {
            missing.add("program miniupnpd (2.3.9 or later)");
        }
        return missing;
    }

    /** What every lab needs: root, iproute2 with network namespaces, nftables, ping. */
    public static List<String> missingBase() {
        List<String> missing = new ArrayList<>();
        long uid = uid();
        if (uid != 0) {
            missing.add("root (running as uid " + uid + ")");
        }
        for (String p : List.of("ip", "nft", "ping", "sysctl", "kill")) {
            if (find(p).isEmpty()) {
                missing.add("program " + p);
            }
        }
        if (missing.isEmpty()) {
            String probe = "wpl-probe" + ProcessHandle.current().pid();
            Exec.Result r = Exec.run(List.of("ip", "netns", "add", probe));
            if (!r.ok()) {
                missing.add("network namespaces (ip netns add: " + r.stderr().strip() + ")");
            } else {
                Exec.run(List.of("ip", "netns", "del", probe));
            }
        }
        return missing;
    }

    /** Throws, naming everything missing, when the topology cannot run on this machine. */
    public static void require(Topology topology) {
        List<String> missing = missing(topology);
        if (!missing.isEmpty()) {
            throw new LabException(message(missing));
        }
    }

    public static String message(List<String> missing) {
        return "the lab cannot run here; missing: " + String.join(", ", missing)
                + " (the lab needs root; install its programs with lab/setup)";
    }

    private static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
