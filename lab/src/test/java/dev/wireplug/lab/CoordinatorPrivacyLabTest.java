package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the coordinator must never learn: the peers' LAN addresses travel to it only sealed for
 * the other peer. Two peers behind one NAT connect over their LAN (so the hints were used), then
 * wpcod's log and a dump of its heap are searched for those addresses, as text and as the raw
 * four bytes an InetAddress holds.
 */
@LabTest
class CoordinatorPrivacyLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void theCoordinatorsLogAndHeapNeverHoldAPeersLanAddress() throws IOException {
        Topology topology = Topology.builder().coordinator("coord").router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r1").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab, "--log-level", "debug");
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            assertTrue(Coordination.firstReply(a, b, WITHIN).isPresent());
            String aSeesB = a.wgShow().peers().get(0).endpoint().orElse("none");
            assertTrue(aSeesB.startsWith(b.lanAddress() + ":"), "the LAN hint was not used: " + aSeesB);

            Path dump = lab.runDir().resolve("wpcod.hprof");
            Exec.Result jcmd = Exec.run(List.of(jcmd(), Long.toString(coordinator.process().pid()), "GC.heap_dump",
                    dump.toString()), "", Duration.ofSeconds(60));
            assertTrue(Files.exists(dump), "no heap dump: " + jcmd.stdout() + jcmd.stderr());
            byte[] heap = Files.readAllBytes(dump);
            String log = coordinator.process().logText();
            // The control: what the coordinator may know (the NAT's public address it observed) is
            // found by the same search, so a clean result means something.
            int publicInHeap = count(heap, InetAddress.getByName(lab.router("r1").wanAddress()).getAddress());
            System.out.printf("privacy: control: r1's public address %s found %d times in the heap%n",
                    lab.router("r1").wanAddress(), publicInHeap);
            assertTrue(publicInHeap > 0, "the search does not find even the observed public address");
            for (LabHost host : List.of(a, b)) {
                String lan = host.lanAddress();
                byte[] raw = InetAddress.getByName(lan).getAddress();
                int textInHeap = count(heap, lan.getBytes(StandardCharsets.UTF_8))
                        + count(heap, lan.getBytes(StandardCharsets.UTF_16BE))
                        + count(heap, lan.getBytes(StandardCharsets.UTF_16LE));
                int rawInHeap = count(heap, raw);
                System.out.printf("privacy: %s's LAN address %s: log %s, heap (%d MiB) text %d, raw %d%n",
                        host.name(), lan, log.contains(lan) ? "CONTAINS" : "clean", heap.length >> 20,
                        textInHeap, rawInHeap);
                assertTrue(!log.contains(lan), "wpcod's log names " + lan);
                assertEquals(0, textInHeap, "wpcod's heap holds " + lan + " as text");
                assertEquals(0, rawInHeap, "wpcod's heap holds " + lan + " as raw bytes");
            }
            Files.delete(dump);
        }
    }

    private static String jcmd() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(jcmd) ? jcmd.toString() : Prerequisites.path("jcmd");
    }

    private static int count(byte[] haystack, byte[] needle) {
        int found = 0;
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found++;
        }
        return found;
    }
}
