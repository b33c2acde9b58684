package dev.wireplug.adapters.store.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server for tests: on a free loopback port, in its own temporary directory, no
 * persistence, stopped by its PID. {@link #stop()} and {@link #start()} again keep the port, as a
 * restarted production Redis would.
 */
final class RedisServerProcess implements AutoCloseable {
    private final Path binary;
    private final Path dir;
    private final int port;
    private final Optional<String> password;
    private final List<String> extra;
    private Process process;

    private RedisServerProcess(Path binary, Optional<String> password, List<String> extra) throws IOException {
        this.binary = binary;
        this.dir = Files.createTempDirectory("wpl-redis-");
        this.port = freePort();
        this.password = password;
        this.extra = List.copyOf(extra);
    }

    /** The installed redis-server, if any (CI installs it with lab/setup). */
    static Optional<Path> binary() {
        return Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static RedisServerProcess start(Optional<String> password) throws IOException {
        return start(password, List.of());
    }

    /** With more redis-server arguments ({@code --cluster-enabled yes}, say). */
    static RedisServerProcess start(Optional<String> password, List<String> extra) throws IOException {
        RedisServerProcess redis = new RedisServerProcess(binary().orElseThrow(), password, extra);
        redis.start();
        return redis;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--protected-mode", "no"));
        password.ifPresent(p -> command.addAll(List.of("--requirepass", p)));
        command.addAll(extra);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
                }
                sleep(20);
            }
        }
        throw new IOException("redis-server did not listen on " + port + " within 10 s");
    }

    /** SIGTERM, and waits until it is gone. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGSTOP / SIGCONT: a Redis that is there but does not answer. */
    void pause(boolean paused) throws IOException, InterruptedException {
        new ProcessBuilder("kill", paused ? "-STOP" : "-CONT", String.valueOf(process.pid())).start().waitFor();
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://" + password.map(p -> ":" + p + "@").orElse("") + "127.0.0.1:" + port + "/0";
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
