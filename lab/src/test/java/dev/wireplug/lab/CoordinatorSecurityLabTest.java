package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An attacker on another network (c, behind r3) records a's real traffic to the coordinator and
 * replays all of it from its own address, while also running a daemon of its own, with its own
 * key, that asks for a and b. Nothing of a's record or of b's view of a may change, and c learns
 * no endpoint.
 */
@LabTest
class CoordinatorSecurityLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void replayedCapturesAndAnotherKeyChangeNothing() throws IOException {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING).router("r2", RouterKind.EIM_PORT_PRESERVING)
                .router("r3", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r2").host("c", "r3").build();
        try (Lab lab = Lab.up(topology)) {
            PacketCapture capture = lab.coordinator().capture("eth0");
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            LabHost c = lab.host("c");
            Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            assertTrue(Coordination.firstReply(b, a, WITHIN).isPresent());
            LabProcess.sleep(Duration.ofSeconds(2));

            String r1 = lab.router("r1").wanAddress();
            List<byte[]> recorded = capture.stopAndReadUdpPayloads(
                    "udp and src host " + r1 + " and dst port " + Coordination.PORT);
            long handshakes = recorded.stream().filter(p -> (p[0] & 0xff) == 0x91).count();
            assertTrue(handshakes > 0 && recorded.size() > handshakes,
                    "recorded " + recorded.size() + " datagrams from a, " + handshakes + " handshakes");
            String aKey = a.publicKey().substring(0, 8);
            long handshakesOfA = countLines(coordinator.process(), "event=handshake key=" + aKey);
            Optional<String> bSeesA = b.wgShow().peers().get(0).endpoint();

            // c, with its own key, asks for a and b; neither lists c.
            Coordination.startDaemon(c, Coordination.clientConfig(c, coordinator, List.of(a, b)));
            Path hex = lab.runDir().resolve("replay.hex");
            Files.write(hex, recorded.stream().map(p -> HexFormat.of().formatHex(p)).toList());
            for (int round = 0; round < 3; round++) {
                Exec.Result sent = c.exec(UdpSend.command(coordinator.address(), Coordination.PORT, hex)
                        .toArray(String[]::new));
                assertTrue(sent.stdout().contains("sent " + recorded.size() + " datagrams"), sent.stdout() + sent.stderr());
            }
            LabProcess.sleep(Duration.ofSeconds(3));

            System.out.printf("security: replayed %d datagrams of a's (%d handshake initiations) 3 times from %s;"
                    + " a's handshakes at wpcod %d before, %d after%n", recorded.size(), handshakes,
                    lab.router("r3").wanAddress(), handshakesOfA,
                    countLines(coordinator.process(), "event=handshake key=" + aKey));
            assertEquals(handshakesOfA, countLines(coordinator.process(), "event=handshake key=" + aKey),
                    "a replayed initiation opened a session");
            assertEquals(bSeesA, b.wgShow().peers().get(0).endpoint(), "b's endpoint for a moved");
            assertTrue(b.ping(a.overlayAddress(), 3, Duration.ofMillis(200)).count() > 0, "the tunnel broke");
            for (WgDump.Peer peer : c.wgShow().peers()) {
                assertEquals(Optional.empty(), peer.endpoint(), "c learned an endpoint it was not granted");
            }
        }
    }

    private static long countLines(LabProcess process, String text) {
        return process.logText().lines().filter(line -> line.contains(text)).count();
    }
}
