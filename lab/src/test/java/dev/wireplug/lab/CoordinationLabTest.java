package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The daemons find each other through wpcod with no Endpoint in any config: behind
 * endpoint-independent NATs (port kept, and port moved to another one by a fixed mapping).
 */
@LabTest
class CoordinationLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void peersBehindPredictableNatsReachEachOtherWithoutConfiguredEndpoints() {
        Topology topology = Topology.builder()
                .coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING)
                .router("r2", RouterKind.EIM_PORT_PRESERVING)
                .router("r3", RouterKind.FIXED_OTHER_PORT)
                .host("a", "r1")
                .host("b", "r2")
                .host("c", "r3")
                .build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            LabHost c = lab.host("c");
            List<LabHost> all = List.of(a, b, c);
            for (LabHost host : all) {
                List<LabHost> peers = all.stream().filter(h -> h != host).toList();
                Coordination.startDaemon(host, Coordination.clientConfig(host, coordinator, peers));
            }
            for (LabHost from : all) {
                for (LabHost to : all) {
                    if (from == to) {
                        continue;
                    }
                    Optional<Duration> reply = Coordination.firstReply(from, to, WITHIN);
                    System.out.printf("coordination: %s (%s) -> %s (%s): first reply after %s%n", from.name(),
                            from.router().kind(), to.name(), to.router().kind(),
                            reply.map(d -> d.toMillis() + " ms").orElse("none"));
                    assertTrue(reply.isPresent(), from.name() + " cannot reach " + to.name() + "\n"
                            + from.wgShowText() + "\n" + to.wgShowText());
                }
            }
        }
    }
}
