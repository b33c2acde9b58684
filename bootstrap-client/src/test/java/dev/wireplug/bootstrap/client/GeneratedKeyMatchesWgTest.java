package dev.wireplug.bootstrap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key we generate is a real WireGuard key: wireguard-tools derives the same public key. */
@Tag("lab")
class GeneratedKeyMatchesWgTest {
    @TempDir
    Path dir;

    @Test
    void wgPubkeyDerivesThePublicKeyWeWroteDown() throws Exception {
        Path config = dir.resolve("c");
        assertEquals(0, WireplugdMain.run("wgx", "--generate-config", "--config", config.toString()));
        String text = Files.readString(config);
        String privateKey = value(text, "PrivateKey = ");
        String writtenPublic = value(text, "# PublicKey = ");
        assertEquals(writtenPublic, wgPubkey(privateKey));
    }

    private static String value(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in\n" + text))
                .substring(prefix.length()).strip();
    }

    private static String wgPubkey(String privateKey) throws IOException, InterruptedException {
        Process wg;
        try {
            wg = new ProcessBuilder("wg", "pubkey").start();
        } catch (IOException e) {
            return fail("`wg` (wireguard-tools) is missing: run lab/setup (" + e.getMessage() + ")");
        }
        wg.getOutputStream().write((privateKey + "\n").getBytes(StandardCharsets.US_ASCII));
        wg.getOutputStream().close();
        String out = new String(wg.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!wg.waitFor(10, TimeUnit.SECONDS) || wg.exitValue() != 0) {
            fail("wg pubkey failed: " + new String(wg.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
