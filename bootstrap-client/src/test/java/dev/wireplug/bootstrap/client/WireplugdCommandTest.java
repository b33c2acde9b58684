package dev.wireplug.bootstrap.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.transport.control.UnixSocketStatusServer;
import dev.wireplug.application.status.DaemonStatus;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WireplugdCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new WireplugdCommand(
                (name, implementation) -> DaggerClientComponent.factory().create(name, implementation)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void generatesAPrivateConfigAndPrintsItsPublicKey() throws Exception {
        Path config = dir.resolve("c");
        assertEquals(0, run("wgx", "--generate-config", "--config", config.toString()), err.toString());

        PublicKey printed = PublicKey.parse(out.toString().strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertTrue(Files.readString(config).contains("# PublicKey = " + printed.toBase64()));
        assertEquals(0, run("wgx", "--check-config", "--config", config.toString()), err.toString());
        assertTrue(out.toString().contains(config + ": OK (0 peers, coordinator not set)"), out.toString());
    }

    @Test
    void generatingAgainFailsAndLeavesTheFileByteIdentical() throws Exception {
        Path config = dir.resolve("c");
        assertEquals(0, run("wgx", "--generate-config", "--config", config.toString()));
        byte[] before = Files.readAllBytes(config);

        assertEquals(1, run("wgx", "--generate-config", "--config", config.toString()));
        assertArrayEquals(before, Files.readAllBytes(config));
        assertTrue(err.toString().contains("already exists"), err.toString());
    }

    @Test
    void aBrokenConfigIsReportedWithFileAndLine() throws Exception {
        Path config = dir.resolve("broken");
        Files.writeString(config, "[Interface]\nPrivateKey = x\n");
        assertEquals(1, run("wg0", "--check-config", "--config", config.toString()));
        assertTrue(err.toString().contains(config + ":2: PrivateKey"), err.toString());
    }

    @Test
    void statusReadsTheRunningDaemonsSocket() throws Exception {
        DaemonStatus status = new DaemonStatus("wgs", "test backend", 50000, NatKind.NO_MAPPING, Optional.empty(),
                Optional.empty(), "198.18.0.10:3478", true, List.of());
        try (UnixSocketStatusServer server = UnixSocketStatusServer.start(dir.resolve("wgs.sock"), () -> status,
                Instant::now)) {
            assertEquals(0, run("wgs", "--runtime-dir", dir.toString(), "status"), err.toString());
            assertTrue(out.toString().startsWith("interface: wgs (test backend)"), out.toString());
            out.getBuffer().setLength(0);
            assertEquals(0, run("wgs", "--runtime-dir", dir.toString(), "status", "--json"), err.toString());
            assertTrue(out.toString().startsWith("{\"interface\":\"wgs\""), out.toString());
        }
    }

    @Test
    void statusWithoutADaemonSaysSo() {
        assertEquals(1, run("wgs", "--runtime-dir", dir.toString(), "status"));
        assertTrue(err.toString().contains("no wireplugd is running"), err.toString());
    }

    @Test
    void badCommandLinesExitWithTwo() {
        assertEquals(2, run());
        assertEquals(2, run("wg0", "--no-such-option"));
        assertEquals(2, run("a/b", "--check-config"));
    }

    @Test
    void helpListsEveryOptionAndVersionNamesTheProgram() {
        assertEquals(0, run("--help"));
        for (String option : new String[] {"--config", "--generate-config", "--check-config", "--help", "--version"}) {
            assertTrue(out.toString().contains(option), option);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("wireplugd "), out.toString());
        assertTrue(out.toString().contains("commit"), out.toString());
        assertFalse(out.toString().contains("${"), "version resource must be filtered: " + out);
    }

    @Test
    void everyOptionShowsItsDefault() {
        assertEquals(0, run("--help"));
        CommandLine.Model.CommandSpec spec = new CommandLine(new WireplugdCommand(
                (name, implementation) -> DaggerClientComponent.factory().create(name, implementation))).getCommandSpec();
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp() || option.arity().max() == 0) {
                continue; // -h, -V and the flags: the footer says flags are off unless given
            }
            String shown = String.join(" ", option.description());
            assertTrue(option.defaultValue() != null || shown.contains("Default:"),
                    option.longestName() + " does not say its default: " + shown);
            assertTrue(!shown.toLowerCase().contains("(default:"), option.longestName() + " says its default twice");
        }
        assertTrue(out.toString().contains("Flags (the options that take no value) are off unless given."), out.toString());
    }
}
