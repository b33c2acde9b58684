package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * coturn's {@code turnutils_stunclient}, run on a host behind a NAT that picks a random port per flow,
 * asks wpcod for its reflexive address; the answer must be exactly the mapping the router's
 * connection tracking holds for that flow (read from the router's own conntrack table).
 */
@LabTest
class StunThroughNatLabTest {
    private static final Pattern REFLEXIVE = Pattern.compile("UDP reflexive addr: ([0-9.]+):(\\d+)");

    @Test
    void turnutilsStunclientReportsTheMappingTheNatReallyMade() {
        Topology topology = Topology.builder().coordinator("coord").router("r1", RouterKind.DESTINATION_DEPENDENT)
                .host("a", "r1").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabRouter r1 = lab.router("r1");
            // After printing its reflexive address it waits for an answer from wpcod's alternate
            // address, which the home router's firewall rightly drops: cut it off with timeout(1).
            Exec.Result stun = a.exec("timeout", "5", Prerequisites.path("turnutils_stunclient"), "-p",
                    Integer.toString(Coordination.PORT), coordinator.address());
            Matcher m = REFLEXIVE.matcher(stun.stdout());
            assertTrue(m.find(), "no reflexive address from turnutils_stunclient:\n" + stun.stdout() + stun.stderr());
            String address = m.group(1);
            int port = Integer.parseInt(m.group(2));

            Optional<int[]> flow = natFlow(r1, a.lanAddress(), coordinator.address());
            assertTrue(flow.isPresent(), "no conntrack entry on r1 for a's STUN flow");
            int local = flow.get()[0];
            int mapped = flow.get()[1];
            System.out.printf("turnutils_stunclient through %s: local port %d, reflexive %s:%d, router's mapping"
                    + " %s:%d%n", r1.kind(), local, address, port, r1.wanAddress(), mapped);
            assertEquals(r1.wanAddress(), address);
            assertEquals(mapped, port);
            assertTrue(local != mapped, "this NAT picks a random port (equal by a 1 in 16k chance), so the test tells the two apart");
        }
    }

    /** a's source port and the NAT's external port (the reply tuple's destination port) for the flow. */
    private static Optional<int[]> natFlow(LabRouter router, String lanAddress, String coordinator) {
        String table = router.netns().exec("cat", "/proc/net/nf_conntrack").stdout();
        for (String line : table.lines().toList()) {
            if (!line.contains(" udp ") || !line.contains("src=" + lanAddress + " dst=" + coordinator)
                    || !line.contains("dport=" + Coordination.PORT + " ")) {
                continue;
            }
            // Original tuple first, reply tuple second: the reply's dport is the NAT's choice.
            List<String> sports = Pattern.compile("sport=(\\d+)").matcher(line).results().map(r -> r.group(1))
                    .toList();
            List<String> dports = Pattern.compile("dport=(\\d+)").matcher(line).results().map(r -> r.group(1))
                    .toList();
            if (dports.size() == 2 && sports.size() == 2) {
                return Optional.of(new int[] {Integer.parseInt(sports.get(0)), Integer.parseInt(dports.get(1))});
            }
        }
        return Optional.empty();
    }
}
