package dev.wireplug.lab;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which wireplugd and wpcod a lab runs: this checkout's launchers ({@code bin/}, the default) or
 * those the .deb packages installed ({@code /usr/bin}), to test what users get.
 *
 * @param directory where the programs are; empty for the checkout's {@code bin/}
 */
public record Programs(Optional<Path> directory) {

    /** {@code bin/wireplugd} and {@code bin/wpcod} of this checkout. */
    public static Programs checkout() {
        return new Programs(Optional.empty());
    }

    /** {@code /usr/bin/wireplugd} and {@code /usr/bin/wpcod}, as the packages install them. */
    public static Programs installed() {
        return new Programs(Optional.of(Path.of("/usr/bin")));
    }

    public Path path(String name) {
        return directory.map(d -> d.resolve(name)).orElseGet(() -> LabPaths.program(name));
    }
}
