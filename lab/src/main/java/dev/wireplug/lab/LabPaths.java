package dev.wireplug.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the checkout is (for bin/wireplugd and bin/wpcod) and where run logs go. */
public final class LabPaths {

    private LabPaths() {
    }

    /**
     * The repository root: {@code -Dwireplug.root}, else the first parent of the working directory
     * that has {@code bin/wireplugd} (Maven runs the tests in {@code lab/}).
     */
    public static Optional<Path> repoRoot() {
        String prop = System.getProperty("wireplug.root", System.getenv().getOrDefault("WIREPLUG_ROOT", ""));
        if (!prop.isEmpty()) {
            return Optional.of(Path.of(prop).toAbsolutePath());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/wireplugd")) && Files.isDirectory(p.resolve("lab"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code -Dwireplug.lab.logs}, else {@code lab/target/lab-runs} in the checkout, else /tmp/wpl-lab-runs. */
    public static Path logRoot() {
        String prop = System.getProperty("wireplug.lab.logs", System.getenv().getOrDefault("WIREPLUG_LAB_LOGS", ""));
        if (!prop.isEmpty()) {
            return Path.of(prop).toAbsolutePath();
        }
        return repoRoot().map(r -> r.resolve("lab/target/lab-runs")).orElse(Path.of("/tmp/wpl-lab-runs"));
    }

    public static Path program(String name) {
        Path root = repoRoot().orElseThrow(() -> new LabException(
                "cannot find the checkout (bin/" + name + "): run from inside it or pass -Dwireplug.root=PATH"));
        return root.resolve("bin").resolve(name);
    }
}
