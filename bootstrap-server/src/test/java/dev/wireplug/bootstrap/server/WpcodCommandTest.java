package dev.wireplug.bootstrap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.key.PublicKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WpcodCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new WpcodCommand(DaggerServerComponent::create));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void printPublicKeyCreatesAPrivateKeyFileOnceAndPrintsTheSameKeyAfter() throws Exception {
        Path keyFile = dir.resolve("state/private.key");
        assertEquals(0, run("--print-public-key", "--key-file", keyFile.toString()), err.toString());
        PublicKey first = PublicKey.parse(out.toString().strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        String stored = Files.readString(keyFile);

        out.getBuffer().setLength(0);
        assertEquals(0, run("--print-public-key", "--key-file", keyFile.toString()));
        assertEquals(first, PublicKey.parse(out.toString().strip()));
        assertEquals(stored, Files.readString(keyFile));
    }

    @Test
    void aCorruptKeyFileIsNamed() throws Exception {
        Path keyFile = dir.resolve("bad.key");
        Files.writeString(keyFile, "garbage\n");
        assertEquals(1, run("--print-public-key", "--key-file", keyFile.toString()));
        assertTrue(err.toString().contains(keyFile + ":1:"), err.toString());
    }

    @Test
    void theConfigFileNamesTheKeyFileAndFlagsOverrideIt() throws Exception {
        Path conf = dir.resolve("wpcod.conf");
        Files.writeString(conf, "KeyFile = " + dir.resolve("from-config.key") + "\n");
        assertEquals(0, run("--config", conf.toString(), "--print-public-key"), err.toString());
        assertTrue(Files.exists(dir.resolve("from-config.key")));
        assertEquals(0, run("--config", conf.toString(), "--key-file", dir.resolve("flag.key").toString(),
                "--print-public-key"), err.toString());
        assertTrue(Files.exists(dir.resolve("flag.key")));
    }

    @Test
    void configErrorsNameFileAndLine() throws Exception {
        Path conf = dir.resolve("wpcod.conf");
        Files.writeString(conf, "# comment\nListen = 198.18.0.10:99999\n");
        assertEquals(1, run("--config", conf.toString(), "--print-public-key"));
        assertTrue(err.toString().contains(conf + ":2: Listen: "), err.toString());
        assertEquals(1, run("--config", dir.resolve("missing.conf").toString()));
        assertTrue(err.toString().contains("missing.conf: no such file"), err.toString());
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("--key-file") && out.toString().contains("--print-public-key"));
        assertTrue(out.toString().contains("/var/lib/wpcod/private.key"), "defaults are shown");
        for (String option : new String[] {"--config", "--listen", "--alternate-address", "--store", "--metrics",
            "--relay", "--relay-data-plane"}) {
            assertTrue(out.toString().contains(option), option);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("wpcod "), out.toString());
    }

    @Test
    void relayFlagsAreCheckedLikeTheConfigKeysOfTheSameName() {
        String key = dir.resolve("k.key").toString();
        assertEquals(0, run("--print-public-key", "--key-file", key, "--relay", "off", "--relay-data-plane", "nftables"),
                err.toString());
        assertEquals(1, run("--print-public-key", "--key-file", key, "--relay", "sometimes"));
        assertTrue(err.toString().contains("--relay: 'sometimes' is not on or off"),
                err.toString());
        assertEquals(1, run("--print-public-key", "--key-file", key, "--relay-data-plane", "pf"));
        assertTrue(err.toString().contains("'pf' is not a relay data plane"), err.toString());
    }

    @Test
    void everyOptionShowsItsDefault() {
        assertEquals(0, run("--help"));
        CommandLine.Model.CommandSpec spec = new CommandLine(new WpcodCommand(DaggerServerComponent::create)).getCommandSpec();
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
