package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A config without CoordinatorKey: wireplugd learns the coordinator's key on first contact,
 * remembers it like ssh's known_hosts, and says so loudly when the coordinator later presents
 * another key.
 */
@LabTest
class TrustOnFirstUseLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static String withoutPin(String config) {
        return config.lines().filter(line -> !line.startsWith("CoordinatorKey")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void theKeyIsLearnedRememberedAndAChangeIsReported() throws IOException {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING).router("r2", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Path aState = lab.runDir().resolve("a-state");
            String aConfig = withoutPin(Coordination.clientConfig(a, coordinator, List.of(b)));
            LabProcess aDaemon = Coordination.startDaemon(a, aConfig, "--state-dir", aState.toString());
            Coordination.startDaemon(b, withoutPin(Coordination.clientConfig(b, coordinator, List.of(a))),
                    "--state-dir", lab.runDir().resolve("b-state").toString());

            assertTrue(Coordination.firstReply(a, b, WITHIN).isPresent(), "no tunnel with learned keys\n"
                    + aDaemon.logText());
            Path known = aState.resolve("known_coordinators");
            String remembered = Files.readString(known);
            assertTrue(remembered.contains(coordinator.address() + ":" + Coordination.PORT + " "
                    + coordinator.publicKey()), remembered);
            assertTrue(aDaemon.logText().contains("event=coordinator_key_learned"), aDaemon.logText());

            // The coordinator "changes" its key: the remembered one no longer matches what it presents.
            lab.stop(aDaemon);
            Files.writeString(known, remembered.replace(coordinator.publicKey(),
                    "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw="));
            LabProcess again = Coordination.startDaemon(a, aConfig, "--state-dir", aState.toString());
            again.awaitLog(line -> line.contains("event=coordinator_key_changed"), Duration.ofSeconds(10));
            String log = again.logText();
            assertTrue(log.contains("event=coordinator_key_changed"), log);
            assertTrue(log.contains(known + ":3"), "names the line to delete: " + log);
            System.out.println("trust on first use: learned, remembered in " + known + ", change reported");
        }
    }
}
