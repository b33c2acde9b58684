package dev.wireplug.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the packaged client daemon costs a laptop: the installed wireplugd (the .deb, its own
 * runtime and JVM options) with 10 peers, against the installed wpcod in the lab. Prints the time
 * from exec to the coordinator receiving the first announcement (the handshake carries it; read
 * from wpcod's log line, so the JVM's start is included), then the RSS after an idle period and
 * the CPU time spent during it. Installs the packages for the run and purges them afterwards.
 */
public final class FootprintBenchmark {
    public static final int PEERS = 10;
    /** The targets of issue 8; printed next to the figures, not enforced here. */
    public static final long RSS_TARGET_KIB = 64 * 1024;
    public static final Duration START_TARGET = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long CLOCK_TICKS_PER_SECOND = 100;   // USER_HZ on Linux

    /**
     * @param startToAnnouncement exec of wireplugd to the coordinator's log of its handshake
     * @param startToRunning      exec to the daemon's own "event=running" line
     */
    public record Result(Duration startToAnnouncement, Duration startToRunning, long rssKib, double cpuSeconds,
            Duration idle) {
        public boolean meetsTargets() {
            return rssKib <= RSS_TARGET_KIB && startToAnnouncement.compareTo(START_TARGET) < 0
                    && cpuSeconds <= 0.05 * idle.toSeconds();
        }
    }

    private final PrintStream out;
    private final String jvmOptions;

    public FootprintBenchmark(PrintStream out) {
        this(out, "");
    }

    /**
     * @param jvmOptions extra options for the daemon's JVM, to try a tuning on the packaged daemon
     *                   (given as JAVA_TOOL_OPTIONS, which the packaged launcher's JVM reads); empty for none
     */
    public FootprintBenchmark(PrintStream out, String jvmOptions) {
        this.out = out;
        this.jvmOptions = jvmOptions;
    }

    /** Installs the packages, runs, purges them again. */
    public Result run(Duration idle) {
        try (InstalledPackages installed = InstalledPackages.install(out)) {
            return measure(idle);
        }
    }

    /** Runs with the packages already installed (the caller installs and removes them). */
    public Result measure(Duration idle) {
        Topology topology = Topology.builder().coordinator("coord").router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").build();
        try (Lab lab = Lab.up(topology, Programs.installed())) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            String config = withPeers(Coordination.clientConfig(a, coordinator, List.of()), PEERS);
            String shortKey = a.publicKey().substring(0, 8);

            Path conf = lab.runDir().resolve("a-wireplugd.conf");
            write(conf, config);
            List<String> command = List.of(lab.programs().path("wireplugd").toString(), a.wireguardInterface(),
                    "--config", conf.toString());
            Instant exec = Instant.now();
            LabProcess daemon = a.start("wireplugd", command,
                    jvmOptions.isBlank() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", jvmOptions));
            coordinator.process().awaitLog(l -> l.contains("event=handshake key=" + shortKey), WAIT);
            // Load-independent companion of the start-up time: the CPU the daemon used to get there.
            double startCpu = cpuTicks(daemon.pid()) / (double) CLOCK_TICKS_PER_SECOND;
            daemon.awaitLog(l -> l.contains("event=running"), WAIT);
            Duration toAnnouncement = Duration.between(exec, logTime(coordinator.process(), "event=handshake key=" + shortKey));
            Duration toRunning = Duration.between(exec, logTime(daemon, "event=running"));
            out.printf("footprint: wireplugd (%s, %d peers): exec to first announcement at the coordinator %d ms"
                    + " (target under %d ms); to its own event=running %d ms; CPU used by then %.2f s;"
                    + " load average %s%n", lab.programs().path("wireplugd"), PEERS, toAnnouncement.toMillis(),
                    START_TARGET.toMillis(), toRunning.toMillis(), startCpu,
                    read(Path.of("/proc/loadavg")).split(" ")[0]);

            Map<String, Long> threadsBefore = threadTicks(daemon.pid());
            long cpuBefore = cpuTicks(daemon.pid());
            long idleStart = System.nanoTime();
            LabProcess.sleep(idle);
            long cpuAfter = cpuTicks(daemon.pid());
            Map<String, Long> threadsAfter = threadTicks(daemon.pid());
            Duration measured = Duration.ofNanos(System.nanoTime() - idleStart);
            long rss = rssKib(daemon.pid());
            if (!daemon.alive()) {
                throw new LabException("wireplugd exited while idle: " + daemon.logText());
            }
            double cpu = (cpuAfter - cpuBefore) / (double) CLOCK_TICKS_PER_SECOND;
            Result result = new Result(toAnnouncement, toRunning, rss, cpu, measured);
            out.printf("footprint: RSS after %d s idle: %.1f MiB (target at most %d MiB)%n", measured.toSeconds(),
                    rss / 1024.0, RSS_TARGET_KIB / 1024);
            out.printf("footprint: CPU over %d s idle: %.2f s (%.2f %% of one core; target about zero)%n",
                    measured.toSeconds(), cpu, 100 * cpu / (measured.toMillis() / 1000.0));
            out.println("footprint: busiest threads while idle (CPU ms): " + busiest(threadsBefore, threadsAfter));
            out.println("footprint: memory: " + read(Path.of("/proc", Long.toString(daemon.pid()), "status")).lines()
                    .filter(l -> l.matches("(RssAnon|RssFile|RssShmem|VmHWM|Threads):.*"))
                    .map(l -> l.replaceAll("\\s+", " ")).toList());
            out.println("footprint: " + (result.meetsTargets() ? "all targets met" : "a target is missed"));
            return result;
        }
    }

    /** The config with {@code n} more peers, keys only (they never show up: the daemon still tracks them). */
    private static String withPeers(String config, int n) {
        StringBuilder peers = new StringBuilder();
        String wg = Prerequisites.path("wg");
        for (int i = 0; i < n; i++) {
            String priv = Exec.check(wg, "genkey").stdout().strip();
            String pub = Exec.run(List.of(wg, "pubkey"), priv + "\n").check().stdout().strip();
            peers.append("\n[Peer]\nPublicKey = ").append(pub).append("\nAllowedIPs = 100.64.1.").append(i + 1)
                    .append("/32\n");
        }
        int wireplug = config.indexOf("\n[Wireplug]");
        return config.substring(0, wireplug) + peers + config.substring(wireplug);
    }

    /** The timestamp our log lines start with (ISO-8601, UTC), of the first line containing {@code marker}. */
    private static Instant logTime(LabProcess process, String marker) {
        Optional<String> line = process.logText().lines().filter(l -> l.contains(marker)).findFirst();
        return line.map(l -> Instant.parse(l.substring(0, l.indexOf(' '))))
                .orElseThrow(() -> new LabException("no " + marker + " in " + process.log()));
    }

    /** User and system time of the process and its descendants, in clock ticks. */
    private static long cpuTicks(long pid) {
        return family(pid).mapToLong(p -> {
            String stat = read(Path.of("/proc", Long.toString(p), "stat"));
            if (stat.isEmpty()) {
                return 0;
            }
            // The command name (field 2) may hold spaces; fields 14 and 15 count from after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }).sum();
    }

    /** CPU ticks per thread (name:tid) of the process. */
    private static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> {
                String stat = read(t.resolve("stat"));
                if (!stat.isEmpty()) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(read(t.resolve("comm")).strip() + ":" + t.getFileName(),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]));
                }
            });
        } catch (IOException e) {
            // The process is gone; the caller notices.
        }
        return ticks;
    }

    private static String busiest(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .map(e -> e.getKey().replaceAll(":\\d+$", "") + "=" + e.getValue() * 1000 / CLOCK_TICKS_PER_SECOND)
                .toList().toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static long rssKib(long pid) {
        return family(pid).mapToLong(p -> read(Path.of("/proc", Long.toString(p), "status")).lines()
                .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .sum()).sum();
    }

    private static Stream<Long> family(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids.stream();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
