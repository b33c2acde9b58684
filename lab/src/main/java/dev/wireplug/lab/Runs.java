package dev.wireplug.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab runs on this machine, named {@code wpl-RUNID-...}: who owns each (a file in /run/wpl-lab
 * holding the owner's PID, or "persistent" for a lab the CLI left up), and how to remove one
 * whatever state it was left in. Everything here works from names alone, so it can clean up
 * after a JVM that crashed.
 */
public final class Runs {

    public static final String PREFIX = "wpl-";
    static final Path OWNERS = Path.of("/run/wpl-lab");
    static final Path WG_SOCKETS = Path.of("/var/run/wireguard");
    private static final Pattern NS = Pattern.compile("^" + PREFIX + "([a-z0-9]{4})-[a-z0-9]+$");

    private Runs() {
    }

    /** Namespace name of a lab node. */
    public static String namespace(String runId, String node) {
        return PREFIX + runId + "-" + node;
    }

    /** WireGuard interface name of a host: at most 15 bytes, unique on the machine (UAPI sockets are global). */
    public static String wireguardInterface(String runId, String host) {
        return "wp" + runId + "-" + host;
    }

    /** Every lab namespace on the machine (ours by prefix), with the run it belongs to. */
    public static List<String> namespaces() {
        Exec.Result r = Exec.run(List.of("ip", "netns", "list")).check();
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            String name = line.split(" ", 2)[0];
            if (NS.matcher(name).matches()) {
                out.add(name);
            }
        }
        return out;
    }

    public static Set<String> runIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (String ns : namespaces()) {
            Matcher m = NS.matcher(ns);
            if (m.matches()) {
                ids.add(m.group(1));
            }
        }
        try (DirectoryStream<Path> d = Files.newDirectoryStream(OWNERS)) {
            d.forEach(p -> ids.add(p.getFileName().toString()));
        } catch (IOException e) {
            // no owner directory yet: no runs recorded
        }
        return ids;
    }

    static void recordOwner(String runId, boolean persistent) {
        try {
            Files.createDirectories(OWNERS);
            Files.writeString(OWNERS.resolve(runId), persistent ? "persistent\n" : ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new LabException("cannot record lab run owner in " + OWNERS + ": " + e.getMessage(), e);
        }
    }

    /** "persistent", a live owner's PID, or empty when nobody owns the run any more. */
    public static Optional<String> owner(String runId) {
        try {
            String s = Files.readString(OWNERS.resolve(runId)).strip();
            if ("persistent".equals(s)) {
                return Optional.of(s);
            }
            long pid = Long.parseLong(s);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> Long.toString(pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the leftovers of runs whose owner is gone (a crashed JVM, a killed test). */
    public static List<String> sweepStale() {
        List<String> swept = new ArrayList<>();
        for (String id : runIds()) {
            if (owner(id).isEmpty()) {
                tearDown(id);
                swept.add(id);
            }
        }
        return swept;
    }

    /** Removes persistent runs (what {@code lab/lab up} left) and stale ones; live JVMs' runs stay. */
    public static List<String> sweepPersistentAndStale() {
        List<String> swept = new ArrayList<>();
        for (String id : runIds()) {
            Optional<String> owner = owner(id);
            if (owner.isEmpty() || owner.get().equals("persistent")) {
                tearDown(id);
                swept.add(id);
            }
        }
        return swept;
    }

    /**
     * Removes one run completely: kills what still runs in its namespaces, deletes the namespaces,
     * removes its WireGuard UAPI sockets and its owner file. Safe to call on a run that is half
     * built, half torn down, or gone.
     */
    public static void tearDown(String runId) {
        String prefix = PREFIX + runId + "-";
        List<String> mine = namespaces().stream().filter(n -> n.startsWith(prefix)).toList();
        List<ProcessHandle> procs = new ArrayList<>();
        for (String ns : mine) {
            Exec.Result pids = Exec.run(List.of("ip", "netns", "pids", ns));
            for (String p : pids.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                ProcessHandle.of(Long.parseLong(p)).ifPresent(procs::add);
            }
        }
        procs.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (procs.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            LabProcess.sleep(Duration.ofMillis(10));
        }
        procs.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (!mine.isEmpty()) {
            StringBuilder batch = new StringBuilder();
            mine.forEach(ns -> batch.append("netns del ").append(ns).append('\n'));
            // -force: keep deleting the others when one is already gone
            Exec.run(List.of("ip", "-force", "-batch", "-"), batch.toString());
        }
        try (DirectoryStream<Path> d = Files.newDirectoryStream(WG_SOCKETS, "wp" + runId + "-*")) {
            for (Path p : d) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // no socket directory: nothing to remove
        }
        try {
            Files.deleteIfExists(OWNERS.resolve(runId));
        } catch (IOException e) {
            throw new LabException("cannot remove " + OWNERS.resolve(runId) + ": " + e.getMessage(), e);
        }
    }

    /** Inode of a namespace (from its bind mount), to find processes still inside it after teardown. */
    static long inode(String namespace) {
        try {
            return ((Number) Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino")).longValue();
        } catch (IOException e) {
            throw new LabException("cannot stat namespace " + namespace + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a run left behind, described for a human: its namespaces, UAPI sockets, owner file, and
     * any process (with the sockets it holds) still living in one of its namespaces, found by inode.
     */
    public static List<String> leftovers(String runId, Set<Long> namespaceInodes) {
        List<String> out = new ArrayList<>();
        String prefix = PREFIX + runId + "-";
        namespaces().stream().filter(n -> n.startsWith(prefix)).forEach(n -> out.add("namespace " + n));
        try (DirectoryStream<Path> d = Files.newDirectoryStream(WG_SOCKETS, "wp" + runId + "-*")) {
            d.forEach(p -> out.add("socket " + p));
        } catch (IOException e) {
            // no socket directory
        }
        if (Files.exists(OWNERS.resolve(runId))) {
            out.add("owner file " + OWNERS.resolve(runId));
        }
        if (!namespaceInodes.isEmpty()) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : d) {
                    try {
                        String link = Files.readSymbolicLink(p.resolve("ns/net")).toString();
                        long ino = Long.parseLong(link.replaceAll("\\D", ""));
                        if (namespaceInodes.contains(ino)) {
                            String comm = Files.readString(p.resolve("comm")).strip();
                            out.add("process " + p.getFileName() + " (" + comm + ") still in a lab namespace");
                        }
                    } catch (IOException | RuntimeException e) {
                        // the process ended while we looked, or is not ours to read
                    }
                }
            } catch (IOException e) {
                out.add("cannot read /proc: " + e.getMessage());
            }
        }
        Exec.Result links = Exec.run(List.of("ip", "-o", "link", "show"));
        links.stdout().lines().filter(l -> l.contains("wp" + runId) || l.contains(PREFIX + runId)).forEach(l -> out.add("root-namespace link " + l));
        return out;
    }
}
