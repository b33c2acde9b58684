package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the lab tests of this module need from the host: root, binaries, a network namespace and a
 * wireguard-go in it. Anything missing FAILS the test with the reason (never a silent skip).
 */
final class Lab implements AutoCloseable {
    private final String namespace;
    private final List<Process> processes = new ArrayList<>();

    private Lab(String namespace) {
        this.namespace = namespace;
    }

    static void requireRootAnd(String... binaries) {
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("lab test needs root (network namespaces); run as root or pass -Dlab.skip=true");
        }
        for (String binary : binaries) {
            if (!onPath(binary)) {
                fail("lab test needs '" + binary + "' on PATH (apt-get install "
                        + (binary.equals("wg") ? "wireguard-tools" : binary.equals("ip") ? "iproute2" : binary) + ")");
            }
        }
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", binary)) || Files.isExecutable(Path.of("/sbin", binary));
    }

    /** A fresh namespace (an old one of the same name, left by a killed run, is removed first). */
    static Lab namespace(String name) {
        run(true, "ip", "netns", "del", name);
        run(false, "ip", "netns", "add", name);
        Lab lab = new Lab(name);
        lab.inside("ip", "link", "set", "lo", "up");
        return lab;
    }

    String name() {
        return namespace;
    }

    /** Starts wireguard-go in the foreground inside the namespace and waits for its UAPI socket. */
    Path startWireguardGo(String ifname) {
        Path socket = Path.of("/var/run/wireguard", ifname + ".sock");
        try {
            Files.deleteIfExists(socket);
            Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "wireguard-go", "-f", ifname)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            processes.add(p);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(socket)) {
                if (!p.isAlive()) {
                    fail("wireguard-go " + ifname + " exited with " + p.exitValue() + " before creating " + socket);
                }
                if (System.nanoTime() > deadline) {
                    fail("wireguard-go " + ifname + " made no socket at " + socket + " within 10 s");
                }
                Thread.sleep(20);
            }
            return socket;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot start wireguard-go: " + e, e);
        }
    }

    /** Starts a command inside the namespace; stopped on close. */
    Process spawn(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        return p;
    }

    /** The command line that runs {@link NamespaceProbe} in this namespace with the test classpath. */
    List<String> probe(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NamespaceProbe.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@link NamespaceProbe} to completion in this namespace and returns its output. */
    String runProbe(String... args) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(probe(args));
        return run(false, full.toArray(String[]::new));
    }

    String inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(false, full.toArray(String[]::new));
    }

    static String run(boolean mayFail, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 30 s");
            }
            if (p.exitValue() != 0 && !mayFail) {
                fail(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        run(true, "ip", "netns", "del", namespace);
    }
}
