package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Up and down leave nothing behind; leftovers of a crashed run are swept; a roam moves the host. */
@LabTest
class LabLifecycleTest {

    @Test
    void twentyUpDownCyclesLeaveNoNamespaceInterfaceProcessOrSocket() {
        List<UpDownCycles.Cycle> cycles = UpDownCycles.run(20, System.out);
        assertEquals(20, cycles.size());
        for (UpDownCycles.Cycle c : cycles) {
            assertEquals(List.of(), c.leftovers(), "cycle " + c.number() + " left something behind");
        }
    }

    @Test
    void theLeakCheckSeesARunningLab() throws Exception {
        try (Lab lab = Lab.up(UpDownCycles.topology())) {
            List<String> seen = lab.leftovers();
            // While up, the check must see the run's namespaces, UAPI socket and wireguard-go:
            // otherwise an empty list after teardown would prove nothing.
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("namespace wpl-" + lab.runId() + "-")), seen.toString());
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("socket ") && s.contains("wp" + lab.runId())), seen.toString());
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("process ") && s.contains("wireguard-go")), seen.toString());
            assertTrue(Files.exists(lab.runDir().resolve("a-wireguard-go.log")));
        }
    }

    @Test
    void aRunWhoseOwnerDiedIsSweptByTheNextLab() throws Exception {
        Lab crashed = Lab.up(UpDownCycles.topology(), true);
        // Pretend its JVM died: the owner file names a PID that no longer runs.
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(Runs.OWNERS.resolve(crashed.runId()), dead.pid() + "\n");
        LabProcess.sleep(Duration.ofMillis(10));
        try (Lab next = Lab.up(Topology.builder().router("r1", RouterKind.NO_NAT).plainHost("p", "r1").build())) {
            assertEquals(List.of(), crashed.leftovers(), "the crashed run was not swept");
            assertFalse(Runs.runIds().contains(crashed.runId()));
            assertTrue(Runs.runIds().contains(next.runId()));
        }
    }

    @Test
    void aRoamingHostKeepsItsAddressNumberAndGetsTheNewRoutersPrefix() {
        try (Lab lab = Lab.up(Topology.builder()
                .coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING)
                .router("r2", RouterKind.NO_NAT)
                .host("a", "r1")
                .host("b", "r1")
                .build())) {
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            assertEquals(3, a.ping(b.lanAddress(), 3, Duration.ofMillis(100)).count(), "two hosts on one LAN");
            a.roamTo(lab.router("r2"));
            assertEquals("198.19.2.11", a.lanAddress());
            String addr = a.exec("ip", "-4", "-br", "addr", "show", "dev", LabHost.LAN_LINK).stdout();
            assertTrue(addr.contains("198.19.2.11/24"), addr);
            assertEquals(3, a.ping(lab.coordinator().address(0), 3, Duration.ofMillis(100)).count(), "a after the roam");
            // A public host is reachable unsolicited from the internet (NO_NAT, no firewall).
            Exec.Result fromCoord = lab.coordinator().exec("ping", "-c", "2", "-i", "0.1", "-W", "1", a.lanAddress());
            assertEquals(0, fromCoord.exitCode(), fromCoord.stdout());
        }
    }
}
