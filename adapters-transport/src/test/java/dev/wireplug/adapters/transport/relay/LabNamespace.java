package dev.wireplug.adapters.transport.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway network namespace ({@code rly-} prefix) with only loopback up, and a way to run a
 * main class of these tests inside it in a child JVM: nftables rules and test traffic then never
 * touch the host's own namespace.
 */
final class LabNamespace implements AutoCloseable {
    record Result(int exitCode, String output) {}

    private final String name;

    private LabNamespace(String name) {
        this.name = name;
    }

    /** Fails (never skips) with what is missing when the lab cannot run here. */
    static String missingForLab() {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (network namespaces and nftables need CAP_NET_ADMIN)");
        }
        for (String tool : List.of("ip", "nft")) {
            if (!onPath(tool)) {
                missing.add("'" + tool + "' on PATH (apt-get install " + (tool.equals("ip") ? "iproute2" : "nftables") + ")");
            }
        }
        return String.join(", ", missing);
    }

    static LabNamespace create(String purpose) throws IOException, InterruptedException {
        String name = "rly-" + purpose + "-" + ProcessHandle.current().pid();
        run(List.of("ip", "netns", "add", name));
        LabNamespace ns = new LabNamespace(name);
        try {
            run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** A namespace made by someone else (who also deletes it). */
    static LabNamespace existing(String name) {
        return new LabNamespace(name);
    }

    String name() {
        return name;
    }

    /** Runs {@code main} with this JVM's class path inside the namespace; waits up to {@code seconds}. */
    Result runJava(Class<?> main, int seconds, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, java, "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (output) {
                    output.append(text);
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("(output lost: ").append(e.getMessage()).append(")");
                }
            }
        });
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join();
            return new Result(-1, output + "\n(killed after " + seconds + " s)");
        }
        reader.join();
        synchronized (output) {
            return new Result(process.exitValue(), output.toString());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("ip", "netns", "del", name));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }
}
