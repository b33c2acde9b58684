package dev.wireplug.lab;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a small lab up and down N times and checks, after each cycle, that nothing is left:
 * no namespace, no root-namespace interface, no UAPI socket, no process (or socket it holds)
 * inside one of the run's namespaces.
 */
public final class UpDownCycles {

    /** One cycle's figures and leftovers. */
    public record Cycle(int number, Duration up, Duration down, List<String> leftovers) {
    }

    private UpDownCycles() {
    }

    /** A minimal lab that still has every moving part: internet, coordinator, a NAT router, a wireguard-go host. */
    public static Topology topology() {
        return Topology.builder()
                .coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1")
                .build();
    }

    public static List<Cycle> run(int cycles, PrintStream out) {
        List<String> rootLinksBefore = rootLinks();
        List<Cycle> result = new ArrayList<>();
        for (int i = 1; i <= cycles; i++) {
            long t0 = System.nanoTime();
            Lab lab = Lab.up(topology());
            long t1 = System.nanoTime();
            lab.close();
            long t2 = System.nanoTime();
            List<String> left = new ArrayList<>(lab.leftovers());
            List<String> rootNow = rootLinks();
            if (!rootNow.equals(rootLinksBefore)) {
                left.add("root-namespace interfaces changed: before " + rootLinksBefore + ", after " + rootNow);
            }
            Cycle c = new Cycle(i, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), left);
            out.printf("cycle %2d: up %4d ms, down %4d ms, leftovers: %s%n", i, c.up().toMillis(), c.down().toMillis(),
                    left.isEmpty() ? "none" : left);
            result.add(c);
        }
        double avg = result.stream().mapToLong(c -> c.up().plus(c.down()).toMillis()).average().orElse(0);
        long leaks = result.stream().filter(c -> !c.leftovers().isEmpty()).count();
        out.printf("%d cycles, %.0f ms per cycle on average, %d with leftovers%n", cycles, avg, leaks);
        return result;
    }

    private static List<String> rootLinks() {
        return Exec.check("ip", "-o", "link", "show").stdout().lines()
                .map(l -> l.split(":", 3)[1].strip().split("@")[0])
                .sorted().toList();
    }
}
