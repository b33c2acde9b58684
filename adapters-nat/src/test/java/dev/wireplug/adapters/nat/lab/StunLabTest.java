package dev.wireplug.adapters.nat.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production NatProber against coturn (an independent RFC 5780 server on two addresses)
 * through an nftables router: plain masquerade keeps one mapping for every destination,
 * {@code masquerade fully-random} picks a new port per destination, and without NAT the prober
 * sees its own address. Needs root, ip, nft and turnserver (Debian coturn).
 */
@Tag("lab")
class StunLabTest {

    @ParameterizedTest(name = "{0} is classified {1}")
    @CsvSource({
        "masquerade, ENDPOINT_INDEPENDENT, FIXED_MAPPING",
        "fully-random, ADDRESS_AND_PORT_DEPENDENT, DESTINATION_DEPENDENT",
        "none, NO_NAT, NO_MAPPING"
    })
    void classifiesTheRoutersMappingBehaviour(String mode, String behaviour, String kind) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("lab test needs root (network namespaces, nftables); pass -Dlab.skip=true otherwise");
        }
        String turnserver = System.getProperty("wireplug.lab.turnserver", "/usr/bin/turnserver");
        if (!Files.isExecutable(Path.of(turnserver))) {
            fail("turnserver not found at " + turnserver + ": apt-get install coturn (or -Dwireplug.lab.turnserver=PATH)");
        }
        String id = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
        Path script = Files.createTempFile("natt-stun", ".sh");
        Files.copy(StunLabTest.class.getResourceAsStream("/lab/natt-stun-lab.sh"), script, StandardCopyOption.REPLACE_EXISTING);
        script.toFile().setExecutable(true);
        try {
            String up = run(List.of(script.toString(), "up", id, mode, turnserver));
            assertTrue(up.startsWith("0:"), "lab setup failed: " + up);
            String java = ProcessHandle.current().info().command().orElse("java");
            String out = run(List.of("ip", "netns", "exec", "natt-sc-" + id, java, "-cp", System.getProperty("java.class.path"),
                    LabStunDriver.class.getName(), "198.18.78.10:3478", "40000"));
            System.out.println("lab stun mode=" + mode + " " + out.strip());
            assertTrue(out.contains("behaviour=" + behaviour + " "), out);
            assertTrue(out.contains("kind=" + kind + " "), out);
            String mapped = mode.equals("none") ? "10.78.0.2:" : "198.18.78.1:";
            assertTrue(out.contains("mapped=" + mapped), out);
            if (mode.equals("masquerade")) {
                assertTrue(out.contains("mapped=198.18.78.1:40000 "), "masquerade keeps the free source port: " + out);
            }
        } finally {
            run(List.of(script.toString(), "down", id));
            Files.deleteIfExists(script);
        }
        assertEquals("", run(List.of("sh", "-c", "ip netns list | grep natt-s.-" + id + " || true")).substring(2).strip(),
                "namespaces left behind");
    }

    /** Exit code, a colon, then the output. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "-1:" + out;
        }
        return p.exitValue() + ":" + out;
    }
}
