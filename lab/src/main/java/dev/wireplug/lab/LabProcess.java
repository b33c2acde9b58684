package dev.wireplug.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-running program started inside a namespace ({@code ip netns exec} execs it, so the PID is
 * the program's), with stdout and stderr kept in a log file of the run directory.
 */
public final class LabProcess {

    private final String label;
    private final Process process;
    private final Path log;

    private LabProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
    }

    static LabProcess start(Netns ns, String label, Path log, List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(ns.command(command));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Files.writeString(log, "# " + String.join(" ", pb.command()) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new LabProcess(label, pb.start(), log);
        } catch (IOException e) {
            throw new LabException("cannot start " + label + ": " + e.getMessage(), e);
        }
    }

    public String label() {
        return label;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the log has a line that satisfies {@code ready}, or fails (with the log) when the program exits or time runs out. */
    public void awaitLog(Predicate<String> ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (logText().lines().anyMatch(ready)) {
                return;
            }
            if (!alive()) {
                throw new LabException(label + " exited (" + process.exitValue() + ") before it was ready; log "
                        + log + ":\n" + logText());
            }
            sleep(Duration.ofMillis(10));
        }
        throw new LabException(label + " not ready after " + timeout + "; log " + log + ":\n" + logText());
    }

    /** Waits for the program to exit by itself; its exit code, or empty when it still runs after {@code timeout}. */
    public java.util.OptionalInt waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /** Sends SIGINT (ping and tcpdump print their summary and flush on it) and waits for the exit. */
    public void interrupt(Duration grace) {
        if (alive()) {
            Exec.run(List.of("kill", "-INT", Long.toString(pid())));
        }
        waitOrKill(grace);
    }

    /** SIGTERM, then SIGKILL after {@code grace}; children too. Idempotent. */
    public void stop(Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        waitOrKill(grace);
    }

    private void waitOrKill(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return label + "(pid " + pid() + ", log " + log + ")";
    }
}
