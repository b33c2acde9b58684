package dev.wireplug.lab;

import java.util.List;
import java.util.Optional;

/** {@code lab/lab up|down|status|demo|cycles [N]|roaming [N]|footprint [S]}: the lab from the command line. */
public final class LabCli {

    private LabCli() {
    }

    public static void main(String[] args) {
        String cmd = args.length == 0 ? "help" : args[0];
        int code;
        try {
            code = switch (cmd) {
                case "up" -> up();
                case "down" -> down();
                case "status" -> status();
                case "demo" -> new Demo(System.out).run();
                case "cycles" -> cycles(args.length > 1 ? Integer.parseInt(args[1]) : 20);
                case "roaming" -> new RoamingBenchmark(System.out)
                        .run(args.length > 1 ? Integer.parseInt(args[1]) : 10).allRecovered() ? 0 : 1;
                case "footprint" -> new FootprintBenchmark(System.out, System.getenv().getOrDefault("FOOTPRINT_JVM_OPTIONS", ""))
                        .run(java.time.Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 60))
                        .meetsTargets() ? 0 : 1;
                default -> help();
            };
        } catch (LabException e) {
            System.err.println("lab: " + e.getMessage());
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    private static int help() {
        System.out.println("""
                usage: lab/lab COMMAND
                  up          bring up the demo topology and leave it running (lab/lab down removes it)
                  down        remove labs left by 'up' and by crashed runs
                  status      list lab runs, their namespaces, addresses and WireGuard interfaces
                  demo        coordinator + two peers behind different NATs, a roam, recovery; then tear down
                  cycles [N]  bring a small lab up and down N times (default 20) and check nothing is left
                  roaming [N] benchmark: a peer roams between two NATs N times (default 10) with wireplugd and
                              wpcod running; prints the longest ping gap of each roam, then p50 and p95
                  footprint [S] benchmark: installs the .debs (packaging/build), runs the packaged wireplugd with
                              10 peers against wpcod, prints exec-to-first-announcement, RSS and CPU after S
                              seconds idle (default 60); purges the packages again. FOOTPRINT_JVM_OPTIONS:
                              extra options for the daemon's JVM, to try a tuning""");
        return 2;
    }

    private static int up() {
        Lab lab = Lab.up(Demo.topology(), true);
        LabHost a = lab.host("a");
        LabHost b = lab.host("b");
        a.setPeer(b, b.publicWireguardEndpoint(), 25);
        b.setPeer(a, a.publicWireguardEndpoint(), 25);
        System.out.println("lab " + lab.runId() + " is up (logs in " + lab.runDir() + "):");
        lab.routers().forEach(r -> System.out.println("  router " + r));
        lab.hosts().forEach(h -> System.out.println("  host   " + h + ", " + h.wireguardInterface() + " "
                + h.overlayAddress() + ", peer endpoint set by hand"));
        System.out.println("enter a host:  ip netns exec " + a.netns().name() + " bash");
        System.out.println("try:           ip netns exec " + a.netns().name() + " ping " + b.overlayAddress());
        System.out.println("remove it:     lab/lab down");
        return 0;
    }

    private static int down() {
        List<String> swept = Runs.sweepPersistentAndStale();
        System.out.println(swept.isEmpty() ? "no lab to remove" : "removed lab runs " + swept);
        List<String> live = Runs.runIds().stream().toList();
        if (!live.isEmpty()) {
            System.out.println("left alone (owned by running programs): " + live);
        }
        return 0;
    }

    private static int status() {
        var ids = Runs.runIds();
        if (ids.isEmpty()) {
            System.out.println("no lab running");
            return 0;
        }
        for (String id : ids) {
            Optional<String> owner = Runs.owner(id);
            System.out.println("run " + id + " (" + owner.map(o -> o.equals("persistent") ? "left up by lab/lab up" : "owned by pid " + o)
                    .orElse("stale: its owner is gone; lab/lab down removes it") + ")");
            for (String ns : Runs.namespaces()) {
                if (ns.startsWith(Runs.PREFIX + id + "-")) {
                    String addrs = Exec.run(List.of("ip", "-n", ns, "-br", "addr")).stdout().lines()
                            .filter(l -> !l.startsWith("lo ")).map(String::strip)
                            .reduce((x, y) -> x + "; " + y).orElse("");
                    System.out.println("  " + ns + ": " + addrs.replaceAll(" +", " "));
                }
            }
            Exec.Result wg = Exec.run(List.of(Prerequisites.find("wg").map(Object::toString).orElse("wg"), "show", "interfaces"));
            for (String itf : wg.stdout().strip().split("\\s+")) {
                if (itf.startsWith("wp" + id + "-")) {
                    System.out.println(Exec.run(List.of("wg", "show", itf)).stdout().strip().indent(2));
                }
            }
        }
        return 0;
    }

    private static int cycles(int n) {
        var result = UpDownCycles.run(n, System.out);
        return result.stream().allMatch(c -> c.leftovers().isEmpty()) ? 0 : 1;
    }
}
