package dev.wireplug.lab.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinator process's memory: RSS from /proc/PID/status, and the Java heap in use after a full
 * GC (jcmd PID GC.run, then GC.heap_info), so what is measured is what the sessions keep alive.
 */
record Memory(long pid, long rssKib, long heapUsedKib, long heapCommittedKib) {
    /** G1 (the default): {@code garbage-first heap total reserved R, committed C, used U}. */
    private static final Pattern G1 = Pattern.compile("committed (\\d+)K, used (\\d+)K");
    /** Serial and Parallel: one {@code total T, used U} line per generation (Metaspace says "used" first). */
    private static final Pattern GENERATION = Pattern.compile("generation\\s+total (\\d+)K, used (\\d+)K");

    static List<Memory> read(List<Long> pids) throws IOException, InterruptedException {
        List<Memory> memories = new ArrayList<>();
        for (long pid : pids) {
            memories.add(read(pid));
        }
        return memories;
    }

    static Memory read(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String heap = jcmd(pid, "GC.heap_info");
        long committed = 0;
        long used = 0;
        Matcher m = G1.matcher(heap);
        if (!m.find()) {
            m = GENERATION.matcher(heap);
            m.reset();
        } else {
            m.reset();
        }
        while (m.find()) {
            committed += Long.parseLong(m.group(1));
            used += Long.parseLong(m.group(2));
        }
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new Memory(pid, rss, used, committed);
    }

    static void report(Memory before, Memory after, int sessions) {
        double per100k = 100_000.0 / Math.max(1, sessions);
        System.out.printf("memory pid %d: %d sessions; heap used after GC %d -> %d MiB (%.1f MiB per 100k sessions),"
                + " RSS %d -> %d MiB (%.1f MiB per 100k sessions); 1M sessions would need about %.2f GiB of heap%n",
                after.pid(), sessions, before.heapUsedKib() / 1024, after.heapUsedKib() / 1024,
                (after.heapUsedKib() - before.heapUsedKib()) / 1024.0 * per100k, before.rssKib() / 1024,
                after.rssKib() / 1024, (after.rssKib() - before.rssKib()) / 1024.0 * per100k,
                (before.heapUsedKib() + (after.heapUsedKib() - before.heapUsedKib()) * 1_000_000.0 / Math.max(1, sessions))
                        / 1024.0 / 1024.0);
    }

    /** The classes that hold most of the heap, to show where a session's bytes go. */
    static void printTopClasses(long pid, int lines) throws IOException, InterruptedException {
        String histogram = jcmd(pid, "GC.class_histogram");
        System.out.printf("heap of pid %d, largest classes (jcmd GC.class_histogram):%n", pid);
        histogram.lines().skip(1).limit(lines + 2L).forEach(line -> System.out.println("  " + line.strip()));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
