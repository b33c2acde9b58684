package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The .deb packages as a user gets them: installed for real with dpkg -i, run with no JDK in
 * the environment, their units checked by systemd, the roaming scenario run with /usr/bin's
 * daemons, and removal that stops them and leaves only configs and keys. Purges both packages
 * at the end (and whatever of theirs a user would keep, when it was not there before).
 */
@LabTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagesLabTest {
    /** What a login shell without any Java setting has. */
    private static final List<String> CLEAN_ENV = List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin");
    private static final Pattern OURS = Pattern.compile(".*(wireplug|wpcod).*");
    /** Where packages and daemons put files; dpkg's own database and caches are dpkg's business. */
    private static final List<Path> SCANNED = List.of(Path.of("/etc"), Path.of("/usr"), Path.of("/lib"),
            Path.of("/var"), Path.of("/opt"), Path.of("/run"), Path.of("/srv"));
    private static final List<Path> NOT_SCANNED = List.of(Path.of("/var/lib/dpkg"), Path.of("/var/cache/man"),
            Path.of("/run/lock/wireplug-packages.lock"));

    private InstalledPackages packages;
    private Set<Path> before;
    private boolean wpcodUserBefore;

    @BeforeAll
    void install() {
        packages = InstalledPackages.prepare(System.out);
        try {
            before = ourFiles();
            wpcodUserBefore = Exec.run(List.of("getent", "passwd", "wpcod")).ok();
            packages.installAll();
        } catch (RuntimeException e) {
            packages.close();
            throw e;
        }
    }

    @AfterAll
    void purge() {
        packages.close();   // also the wpcod user and /var/lib/wpcod, when the packages brought them
        // And what the daemons left on purpose (learned coordinator keys), when this test brought it.
        for (Path kept : ourFiles()) {
            if (!before.contains(kept) && Files.exists(kept)) {
                Exec.run(List.of("rm", "-rf", kept.toString()));
            }
        }
        assertFalse(!wpcodUserBefore && Exec.run(List.of("getent", "passwd", "wpcod")).ok(),
                "the wpcod user this test brought is gone again");
    }

    @Test
    @Order(1)
    void theInstalledProgramsRunOnTheirOwnRuntimeWithoutAnyJavaSetting() {
        for (String name : InstalledPackages.NAMES) {
            List<String> command = new ArrayList<>(CLEAN_ENV);
            // The VM (not the launcher) reads this: it says which runtime really runs.
            command.addAll(List.of("JAVA_TOOL_OPTIONS=-Xlog:class+path=info", "/usr/bin/" + name, "--version"));
            Exec.Result version = Exec.run(command);
            System.out.println(version.stdout().lines().filter(l -> l.startsWith(name)).findFirst().orElse(""));
            assertEquals(0, version.exitCode(), version.stderr());
            assertTrue(Pattern.compile("(?m)^" + name + " \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{7,}\\)$")
                    .matcher(version.stdout()).find(), "version and commit: " + version.stdout());
            assertTrue(version.stdout().contains("bootstrap loader class path=/usr/lib/" + name + "/lib/runtime/lib/modules"),
                    name + " must run on its own runtime:\n" + version.stdout());

            List<String> help = new ArrayList<>(CLEAN_ENV);
            help.addAll(List.of("/usr/bin/" + name, "--help"));
            Exec.Result helpText = Exec.run(help);
            assertEquals(0, helpText.exitCode(), helpText.stderr());
            assertTrue(helpText.stdout().contains("Default:"), helpText.stdout());
        }
        for (Path deb : packages.debs()) {
            String depends = Exec.check("dpkg-deb", "-f", deb.toString(), "Depends").stdout();
            System.out.println(deb.getFileName() + " depends on: " + depends.strip());
            assertFalse(depends.matches("(?s).*(jre|jdk|java).*"), "no Java package needed: " + depends);
        }
    }

    @Test
    @Order(2)
    void systemdAcceptsTheUnitsAndTheManPagesAreInstalled() {
        // No systemd as PID 1 here: systemd-analyze checks the files offline, and warns on stderr
        // about anything it would ignore.
        Exec.Result verify = Exec.run(List.of("systemd-analyze", "verify", "/lib/systemd/system/wpcod.service",
                "wireplugd@wg0.service"));
        assertEquals(0, verify.exitCode(), verify.stderr());
        assertEquals("", verify.stderr().strip(), "systemd-analyze had remarks");
        for (String name : InstalledPackages.NAMES) {
            Exec.Result man = Exec.run(List.of("man", "-w", name));
            assertEquals("/usr/share/man/man8/" + name + ".8.gz", man.stdout().strip(), man.stderr());
        }
        assertTrue(Files.isRegularFile(Path.of("/etc/wpcod.conf")), "the default /etc/wpcod.conf");
        Exec.Result user = Exec.run(List.of("getent", "passwd", "wpcod"));
        assertTrue(user.ok() && user.stdout().contains(":/var/lib/wpcod:"), "the wpcod user: " + user.stdout());
        assertEquals("wpcod", Exec.check("stat", "-c", "%U", "/var/lib/wpcod").stdout().strip());
    }

    @Test
    @Order(3)
    void theRoamingScenarioRecoversWithTheInstalledDaemons() {
        RoamingBenchmark.Result result = new RoamingBenchmark(System.out, Programs.installed()).run(4);
        assertTrue(result.allRecovered(), "a roam did not recover: " + result.gaps());
    }

    @Test
    @Order(4)
    void theFootprintBenchmarkMeasuresThePackagedDaemon() {
        // A short idle period keeps CI fast; lab/lab footprint runs the full 60 s.
        FootprintBenchmark.Result result = new FootprintBenchmark(System.out).measure(Duration.ofSeconds(10));
        assertTrue(result.rssKib() > 0 && result.startToAnnouncement().isPositive(), result.toString());
        assertTrue(result.startToRunning().isPositive(), result.toString());
    }

    @Test
    @Order(5)
    void removingStopsTheDaemonsAndLeavesOnlyConfigsAndKeys() {
        Topology topology = Topology.builder().coordinator("coord").router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r1").build();
        try (Lab lab = Lab.up(topology, Programs.installed())) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            LabProcess daemon = Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            assertTrue(coordinator.process().alive() && daemon.alive());
            // A key in the packaged state directory, as wpcod.service makes it.
            Exec.check("install", "-m", "0600", "-o", "wpcod", "-g", "wpcod", "/dev/null", "/var/lib/wpcod/private.key");

            Exec.Result remove = packages.remove();
            assertEquals(0, remove.exitCode(), remove.stderr());
            assertFalse(coordinator.process().alive(), "wpcod still runs after dpkg -r");
            assertFalse(daemon.alive(), "wireplugd still runs after dpkg -r");
            Set<Path> left = added();
            System.out.println("after dpkg -r: " + left);
            assertTrue(left.stream().allMatch(p -> isConfigOrKey(p, true)), "only configs and keys may stay: " + left);
            assertTrue(left.contains(Path.of("/etc/wpcod.conf")), "dpkg -r keeps the conffile: " + left);

            Exec.Result purge = packages.purge();
            assertEquals(0, purge.exitCode(), purge.stderr());
            left = added();
            System.out.println("after dpkg --purge: " + left);
            assertTrue(left.stream().allMatch(p -> isConfigOrKey(p, false)), "only keys may stay: " + left);
            assertTrue(left.contains(Path.of("/var/lib/wpcod/private.key")), "the coordinator's key stays: " + left);
        }
    }

    /** Files of ours that were not there before the packages came. */
    private Set<Path> added() {
        Set<Path> now = ourFiles();
        now.removeAll(before);
        return now;
    }

    private static boolean isConfigOrKey(Path p, boolean conffilesToo) {
        String s = p.toString();
        // /run/wireplugd: the control sockets of running daemons (any lab run's on this machine), on tmpfs.
        return s.startsWith("/var/lib/wpcod") || s.startsWith("/var/lib/wireplugd") || s.startsWith("/etc/wireplugd.")
                || s.startsWith("/run/wireplugd") || conffilesToo && s.equals("/etc/wpcod.conf");
    }

    /** Every file, directory or link whose path names wireplug or wpcod, outside the checkout. */
    private static Set<Path> ourFiles() {
        Set<Path> found = new TreeSet<>();
        for (Path root : SCANNED) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (NOT_SCANNED.contains(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (OURS.matcher(dir.toString()).matches()) {
                            found.add(dir);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (OURS.matcher(file.toString()).matches() && !NOT_SCANNED.contains(file)) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;   // gone meanwhile, or not readable: not ours
                    }
                });
            } catch (IOException e) {
                throw new LabException("cannot scan " + root + ": " + e.getMessage(), e);
            }
        }
        return found;
    }
}
