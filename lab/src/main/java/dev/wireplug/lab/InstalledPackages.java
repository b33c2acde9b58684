package dev.wireplug.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The wireplugd and wpcod .deb packages installed on this machine for real (dpkg -i), for the
 * tests and benchmarks that run what users get. The packages are built once by
 * {@code packaging/build --no-compile} and kept in {@code target/packages} while they are newer
 * than the jars and the packaging sources. Installing is machine-wide, so a lock file serialises
 * every user on the machine (another checkout's test run included) until {@link #close}, which
 * purges both packages again.
 */
public final class InstalledPackages implements AutoCloseable {
    public static final List<String> NAMES = List.of("wireplugd", "wpcod");
    private static final Path LOCK = Path.of("/run/lock/wireplug-packages.lock");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DPKG_BUSY = Duration.ofMinutes(2);
    /** dpkg refuses at once while another dpkg or apt holds its lock. */
    private static final String DPKG_LOCKED = "lock";

    /** What purging keeps on purpose (the coordinator's key and its owner), removed by {@link #close} when we brought it. */
    private static final Path WPCOD_STATE = Path.of("/var/lib/wpcod");

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Path> debs;
    private final PrintStream out;
    private final boolean wpcodUserBefore = wpcodUserExists();
    private final boolean wpcodStateBefore = Files.exists(WPCOD_STATE);
    private boolean purged;

    private InstalledPackages(FileChannel lockChannel, FileLock lock, List<Path> debs, PrintStream out) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.debs = debs;
        this.out = out;
    }

    private static boolean wpcodUserExists() {
        return Exec.run(List.of("getent", "passwd", "wpcod")).ok();
    }

    /** Builds the packages when needed, waits for the machine-wide lock, and installs both. */
    public static InstalledPackages install(PrintStream out) {
        InstalledPackages packages = prepare(out);
        try {
            packages.installAll();
            return packages;
        } catch (RuntimeException e) {
            packages.close();
            throw e;
        }
    }

    /**
     * Waits for the machine-wide lock and builds the packages when needed, without installing them
     * yet (a test looks at the machine first); {@link #close} purges and unlocks.
     */
    public static InstalledPackages prepare(PrintStream out) {
        FileChannel channel;
        FileLock lock;
        try {
            Files.createDirectories(LOCK.getParent());
            channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.lock();
        } catch (IOException e) {
            throw new LabException("cannot lock " + LOCK + ": " + e.getMessage(), e);
        }
        try {
            return new InstalledPackages(channel, lock, built(out), out);
        } catch (RuntimeException e) {
            release(channel, lock);
            throw e;
        }
    }

    /** {@code dpkg -i} of both packages. */
    public void installAll() {
        List<String> command = new ArrayList<>(List.of("dpkg", "-i"));
        debs.forEach(d -> command.add(d.toString()));
        dpkg(command).check();
        purged = false;
        out.println("packages: installed " + debs.stream().map(d -> d.getFileName().toString()).toList());
    }

    /** The .deb files, built now unless target/packages has them newer than every input. */
    public static List<Path> built(PrintStream out) {
        Path root = LabPaths.repoRoot().orElseThrow(() -> new LabException("cannot find the checkout for packaging/build"));
        Optional<List<Path>> current = current(root);
        if (current.isPresent()) {
            return current.get();
        }
        for (String jar : List.of("bootstrap-client/target/wireplugd.jar", "bootstrap-server/target/wpcod.jar")) {
            if (!Files.isRegularFile(root.resolve(jar))) {
                throw new LabException(jar + " is not built: run bin/build (or the reactor's package phase) first");
            }
        }
        out.println("packages: building with packaging/build --no-compile");
        long start = System.nanoTime();
        Exec.Result build = Exec.run(List.of(root.resolve("packaging/build").toString(), "--no-compile"), "", BUILD_TIMEOUT);
        build.check();
        out.printf("packages: built in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return current(root).orElseThrow(() -> new LabException("packaging/build made no .deb: " + build.stdout()));
    }

    private static Optional<List<Path>> current(Path root) {
        List<Path> debs = new ArrayList<>();
        for (String name : NAMES) {
            try (Stream<Path> files = Files.list(root.resolve("target/packages"))) {
                Optional<Path> deb = files.filter(f -> f.getFileName().toString().matches(name + "_.*_amd64\\.deb")).findFirst();
                if (deb.isEmpty()) {
                    return Optional.empty();
                }
                debs.add(deb.get());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        FileTime oldest = debs.stream().map(InstalledPackages::mtime).min(FileTime::compareTo).orElseThrow();
        List<Path> inputs = new ArrayList<>(List.of(root.resolve("bootstrap-client/target/wireplugd.jar"),
                root.resolve("bootstrap-server/target/wpcod.jar")));
        try (Stream<Path> sources = Files.walk(root.resolve("packaging"));
             Stream<Path> clientLibs = Files.list(root.resolve("bootstrap-client/target/lib"));
             Stream<Path> serverLibs = Files.list(root.resolve("bootstrap-server/target/lib"))) {
            Stream.of(sources, clientLibs, serverLibs).flatMap(s -> s).filter(Files::isRegularFile).forEach(inputs::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean fresh = inputs.stream().allMatch(p -> Files.exists(p) && mtime(p).compareTo(oldest) < 0);
        return fresh ? Optional.of(List.copyOf(debs)) : Optional.empty();
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    /** Runs dpkg, waiting while another dpkg or apt on the machine holds the dpkg lock. */
    public static Exec.Result dpkg(List<String> command) {
        long deadline = System.nanoTime() + DPKG_BUSY.toNanos();
        while (true) {
            Exec.Result result = Exec.run(command, "", Duration.ofMinutes(2));
            if (result.ok() || !result.stderr().contains(DPKG_LOCKED) || System.nanoTime() > deadline) {
                return result;
            }
            LabProcess.sleep(Duration.ofSeconds(1));
        }
    }

    public List<Path> debs() {
        return debs;
    }

    /** Removes both packages ({@code dpkg -r}): the conffiles and state stay, as for a user. */
    public Exec.Result remove() {
        List<String> command = new ArrayList<>(List.of("dpkg", "-r"));
        command.addAll(NAMES);
        return dpkg(command);
    }

    /** Purges both packages; done by {@link #close} in any case. */
    public Exec.Result purge() {
        List<String> command = new ArrayList<>(List.of("dpkg", "--purge"));
        command.addAll(NAMES);
        Exec.Result result = dpkg(command);
        purged = result.ok();
        return result;
    }

    /**
     * Purges both packages, then removes what a purge keeps for a user (the coordinator's state
     * directory and the wpcod user) when they were not there before: the machine is as it was.
     */
    @Override
    public void close() {
        try {
            if (!purged) {
                Exec.Result result = purge();
                out.println("packages: purged" + (result.ok() ? "" : " with errors: " + result.stderr().strip()));
            }
            if (!wpcodStateBefore && Files.exists(WPCOD_STATE)) {
                Exec.run(List.of("rm", "-rf", WPCOD_STATE.toString()));
            }
            if (!wpcodUserBefore && wpcodUserExists()) {
                Exec.run(List.of("deluser", "--system", "--quiet", "wpcod"));
                Exec.run(List.of("delgroup", "--system", "--quiet", "wpcod"));
            }
        } finally {
            release(lockChannel, lock);
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        }
    }
}
