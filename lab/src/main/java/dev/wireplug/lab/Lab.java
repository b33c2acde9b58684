package dev.wireplug.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A running lab: the namespaces, links, NAT routers and WireGuard hosts of one {@link Topology}.
 * {@link #up} builds it (after removing what crashed earlier runs left); {@link #close} tears it
 * all down and is called by a JVM shutdown hook too, so a failing test or ^C leaves nothing.
 * <pre>{@code
 * try (Lab lab = Lab.up(topology)) {
 *     LabHost a = lab.host("a");
 *     a.ping(lab.host("b").overlayAddress(), 3, Duration.ofMillis(200));
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final Topology topology;
    private final String runId;
    private final Path runDir;
    private final boolean persistent;
    private final Programs programs;
    private final Netns internet;
    private final Map<String, LabRouter> routers = new LinkedHashMap<>();
    private final Map<String, LabHost> hosts = new LinkedHashMap<>();
    private Optional<LabCoordinator> coordinator = Optional.empty();
    private final List<LabProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final Set<Long> namespaceInodes = new HashSet<>();
    private final Thread shutdownHook;
    private boolean closed;

    private Lab(Topology topology, String runId, Path runDir, boolean persistent, Programs programs) {
        this.topology = topology;
        this.programs = programs;
        this.runId = runId;
        this.runDir = runDir;
        this.persistent = persistent;
        this.internet = new Netns(Runs.namespace(runId, "inet"));
        this.shutdownHook = new Thread(this::close, "wpl-lab-teardown-" + runId);
    }

    /** Brings a topology up; the lab is torn down by {@link #close} or at JVM exit. */
    public static Lab up(Topology topology) {
        return up(topology, false);
    }

    /**
     * @param persistent true to leave the lab running after this JVM exits (the CLI's {@code up});
     *                   {@code lab/lab down} removes it
     */
    public static Lab up(Topology topology, boolean persistent) {
        return up(topology, persistent, Programs.checkout());
    }

    /** Brings a topology up whose daemons are {@code programs} (the checkout's or the installed ones). */
    public static Lab up(Topology topology, Programs programs) {
        return up(topology, false, programs);
    }

    private static Lab up(Topology topology, boolean persistent, Programs programs) {
        Prerequisites.require(topology);
        Runs.sweepStale();
        String runId = newRunId();
        Path runDir = LabPaths.logRoot().resolve(java.time.LocalDateTime.now().withNano(0).toString()
                .replace(':', '-') + "-" + runId);
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new LabException("cannot create run directory " + runDir + ": " + e.getMessage(), e);
        }
        Runs.recordOwner(runId, persistent);
        Lab lab = new Lab(topology, runId, runDir, persistent, programs);
        if (!persistent) {
            Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        }
        try {
            lab.build();
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private static String newRunId() {
        SecureRandom r = new SecureRandom();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        Set<String> taken = Runs.runIds();
        while (true) {
            StringBuilder s = new StringBuilder(4);
            for (int i = 0; i < 4; i++) {
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            if (!taken.contains(s.toString())) {
                return s.toString();
            }
        }
    }

    private void build() {
        List<Netns> all = new ArrayList<>();
        all.add(internet);
        topology.coordinator().ifPresent(c -> all.add(new Netns(Runs.namespace(runId, c))));
        topology.routers().forEach(r -> all.add(new Netns(Runs.namespace(runId, r.name()))));
        topology.hosts().forEach(h -> all.add(new Netns(Runs.namespace(runId, h.name()))));
        StringBuilder add = new StringBuilder();
        all.forEach(ns -> add.append("netns add ").append(ns.name()).append('\n'));
        Exec.run(List.of("ip", "-batch", "-"), add.toString()).check();
        all.forEach(ns -> namespaceInodes.add(Runs.inode(ns.name())));

        boolean v6 = topology.ipv6();
        forwarding(internet);
        List<String> inet = new ArrayList<>(List.of(
                "link set lo up",
                "link add br0 type bridge",
                "addr add " + Addressing.INTERNET_GATEWAY + "/" + Addressing.INTERNET_PREFIX_LENGTH + " dev br0",
                "link set br0 up"));
        if (v6) {
            inet.add("addr add " + Addressing.INTERNET_GATEWAY6 + "/64 dev br0 nodad");
        }
        topology.coordinator().ifPresent(c -> {
            inet.add("link add c-" + c + " type veth peer name eth0 netns " + Runs.namespace(runId, c));
            inet.add("link set c-" + c + " master br0 up");
        });
        for (Topology.RouterSpec r : topology.routers()) {
            int n = topology.routerIndex(r.name());
            inet.add("link add r-" + r.name() + " type veth peer name " + RouterRuleset.WAN + " netns "
                    + Runs.namespace(runId, r.name()));
            inet.add("link set r-" + r.name() + " master br0 up");
            if (!r.kind().translates()) {
                inet.add("route add " + Addressing.lanPrefix(r.kind(), n) + " via " + Addressing.routerWan(n));
            }
            if (v6) {
                inet.add("route add " + Addressing.lanPrefix6(n) + " via " + Addressing.routerWan6(n));
            }
        }
        internet.ip(inet.toArray(String[]::new));

        topology.coordinator().ifPresent(c -> {
            LabCoordinator coord = new LabCoordinator(this, c, new Netns(Runs.namespace(runId, c)));
            coord.bringUp();
            coordinator = Optional.of(coord);
        });
        for (Topology.RouterSpec r : topology.routers()) {
            LabRouter router = new LabRouter(this, r, topology.routerIndex(r.name()), new Netns(Runs.namespace(runId, r.name())));
            forwarding(router.netns());
            router.bringUp();
            routers.put(r.name(), router);
        }
        for (Topology.HostSpec h : topology.hosts()) {
            LabHost host = new LabHost(this, h, topology.hostIndex(h.name()), new Netns(Runs.namespace(runId, h.name())));
            host.bringUp(routers.get(h.router()));
            hosts.put(h.name(), host);
        }
        for (LabRouter r : routers.values()) {
            if (r.spec().upnp()) {
                r.startMiniupnpd();
            }
        }
    }

    private void forwarding(Netns ns) {
        List<String> s = new ArrayList<>(List.of("net.ipv4.ip_forward=1",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                "net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.default.send_redirects=0"));
        if (topology.ipv6()) {
            s.add("net.ipv6.conf.all.forwarding=1");
        }
        ns.sysctl(s.toArray(String[]::new));
    }

    LabProcess start(Netns ns, String label, String logName, List<String> command, Map<String, String> env) {
        if (closed) {
            throw new LabException("lab " + runId + " is closed");
        }
        LabProcess p = LabProcess.start(ns, label, runDir.resolve(logName + ".log"), command, env);
        processes.add(p);
        return p;
    }

    /** Stops a program this lab started (SIGTERM, then SIGKILL after a grace period). */
    public void stop(LabProcess p) {
        p.stop(STOP_GRACE);
        processes.remove(p);
    }

    public Topology topology() {
        return topology;
    }

    /** The short id in every name this run uses (namespaces {@code wpl-ID-*}, interfaces {@code wpID-*}). */
    /** The wireplugd and wpcod this lab runs. */
    public Programs programs() {
        return programs;
    }

    public String runId() {
        return runId;
    }

    /** Where the logs, keys, configs and captures of this run are kept (they stay after teardown). */
    public Path runDir() {
        return runDir;
    }

    public Netns internet() {
        return internet;
    }

    public LabHost host(String name) {
        LabHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + name + " in this lab");
        }
        return h;
    }

    public LabRouter router(String name) {
        LabRouter r = routers.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no router " + name + " in this lab");
        }
        return r;
    }

    public List<LabHost> hosts() {
        return List.copyOf(hosts.values());
    }

    public List<LabRouter> routers() {
        return List.copyOf(routers.values());
    }

    public LabCoordinator coordinator() {
        return coordinator.orElseThrow(() -> new IllegalStateException("this topology has no coordinator"));
    }

    public List<LabProcess> processes() {
        synchronized (processes) {
            return List.copyOf(processes);
        }
    }

    /** Inodes of this run's namespaces, to check after teardown that no process still holds one. */
    public Set<Long> namespaceInodes() {
        return Set.copyOf(namespaceInodes);
    }

    /** What this run left on the machine: empty after a clean {@link #close}. */
    public List<String> leftovers() {
        return Runs.leftovers(runId, namespaceInodes);
    }

    /** Tears everything down: programs first (so wireguard-go removes its socket), then namespaces. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<LabProcess> ps = processes();
        // Reverse order: daemons before the wireguard-go they drive. In parallel: each may take its grace period.
        List<Thread> stoppers = new ArrayList<>();
        for (int i = ps.size() - 1; i >= 0; i--) {
            LabProcess p = ps.get(i);
            stoppers.add(Thread.startVirtualThread(() -> p.stop(STOP_GRACE)));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runs.tearDown(runId);
        if (!persistent) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down: this is the hook running
            }
        }
    }
}
