package dev.wireplug.lab;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The roaming figure that matters to users: a peer moves between two NATs and back N times while
 * the other pings it every 50 ms through the tunnel; for each roam, the longest gap in replies
 * around it. Reports each gap, then p50 and p95. Both daemons and wpcod run for real.
 */
public final class RoamingBenchmark {
    static final Duration PING_INTERVAL = Duration.ofMillis(50);
    static final Duration SETTLE = Duration.ofSeconds(4);
    static final Duration GIVE_UP = Duration.ofSeconds(20);

    /** The gaps measured, one per roam (empty when a roam never recovered). */
    public record Result(List<Optional<Duration>> gaps) {
        public Optional<Duration> percentile(int p) {
            List<Duration> sorted = gaps.stream().map(g -> g.orElse(GIVE_UP)).sorted().toList();
            if (sorted.isEmpty()) {
                return Optional.empty();
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
        }

        public boolean allRecovered() {
            return gaps.stream().allMatch(Optional::isPresent);
        }
    }

    private final PrintStream out;
    private final Programs programs;

    public RoamingBenchmark(PrintStream out) {
        this(out, Programs.checkout());
    }

    /** @param programs the daemons to run: the checkout's launchers or the installed packages' */
    public RoamingBenchmark(PrintStream out, Programs programs) {
        this.out = out;
        this.programs = programs;
    }

    public Result run(int roams) {
        Topology topology = Topology.builder()
                .coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING)
                .router("r2", RouterKind.EIM_PORT_PRESERVING)
                .router("r3", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1")
                .host("b", "r2")
                .build();
        try (Lab lab = Lab.up(topology, programs)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            if (Coordination.firstReply(b, a, GIVE_UP).isEmpty()) {
                throw new LabException("a and b never reached each other before roaming\n" + a.wgShowText()
                        + "\n" + b.wgShowText());
            }
            List<Optional<Duration>> gaps = new ArrayList<>();
            LabRouter home = lab.router("r1");
            LabRouter away = lab.router("r3");
            try (Pinger pinger = b.startPinger(a.overlayAddress(), PING_INTERVAL)) {
                LabProcess.sleep(Duration.ofSeconds(1));
                List<Instant> roamedAt = new ArrayList<>();
                for (int i = 0; i < roams; i++) {
                    LabRouter to = i % 2 == 0 ? away : home;
                    roamedAt.add(Instant.now());
                    a.roamTo(to);
                    LabProcess.sleep(SETTLE);
                }
                PingSeries series = pinger.stop();
                for (int i = 0; i < roams; i++) {
                    Optional<Duration> gap = series.gapAround(roamedAt.get(i));
                    gaps.add(gap);
                    out.printf("roam %2d: a moves to %s, longest gap in b's pings: %s%n", i + 1,
                            i % 2 == 0 ? "r3" : "r1", gap.map(g -> g.toMillis() + " ms").orElse("no recovery"));
                }
            }
            Result result = new Result(gaps);
            out.printf("roaming: %d roams, p50 %s, p95 %s (targets: p50 under 1 s, p95 under 3 s)%n", roams,
                    result.percentile(50).map(d -> d.toMillis() + " ms").orElse("-"),
                    result.percentile(95).map(d -> d.toMillis() + " ms").orElse("-"));
            return result;
        }
    }
}
