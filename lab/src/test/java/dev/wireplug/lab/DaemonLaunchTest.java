package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The lab can run the project's programs where later scenarios need them: bin/wireplugd on a
 * host (against its wireguard-go interface), bin/wpcod on the coordinator, with logs kept.
 * Coordination itself is not built yet; this checks the launching, not the protocol.
 */
@LabTest
class DaemonLaunchTest {

    private static final Duration JVM_START = Duration.ofSeconds(60);

    @Test
    void wireplugdAndWpcodRunInsideTheirNamespaces() throws Exception {
        try (Lab lab = Lab.up(Topology.builder().coordinator("coord").router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").build())) {
            LabHost a = lab.host("a");
            Path conf = lab.runDir().resolve("a-generated.conf");
            LabProcess gen = a.start("wireplugd-generate", List.of(LabPaths.program("wireplugd").toString(),
                    a.wireguardInterface(), "--generate-config", "--config", conf.toString()));
            assertEquals(OptionalInt.of(0), gen.waitFor(JVM_START), gen.logText());

            LabProcess check = a.startWireplugd(Files.readString(conf), "--check-config");
            assertEquals(OptionalInt.of(0), check.waitFor(JVM_START), check.logText());
            assertTrue(check.log().startsWith(lab.runDir()));

            LabProcess wpcod = lab.coordinator().startWpcod("--key-file", lab.runDir().resolve("wpcod.key").toString(),
                    "--print-public-key");
            assertEquals(OptionalInt.of(0), wpcod.waitFor(JVM_START), wpcod.logText());
            String key = wpcod.logText().lines().filter(l -> !l.startsWith("#")).reduce((x, y) -> y).orElse("").strip();
            assertTrue(key.matches("[A-Za-z0-9+/]{43}="), "not a base64 public key: " + wpcod.logText());
        }
    }
}
