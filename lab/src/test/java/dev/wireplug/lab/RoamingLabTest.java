package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Roaming with the daemons: recovery after each move, LAN paths, and a coordinator restart. */
@LabTest
class RoamingLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void tenRoamsBetweenTwoNatsAllRecover() {
        RoamingBenchmark.Result result = new RoamingBenchmark(System.out).run(10);
        assertTrue(result.allRecovered(), "a roam did not recover: " + result.gaps());
    }

    @Test
    void twoPeersBehindOneNatUseTheirLanAddresses() {
        Topology topology = Topology.builder().coordinator("coord").router("r1", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r1").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            assertTrue(Coordination.firstReply(a, b, WITHIN).isPresent(), a.wgShowText() + "\n" + b.wgShowText());
            String aSeesB = a.wgShow().peers().get(0).endpoint().orElse("none");
            String bSeesA = b.wgShow().peers().get(0).endpoint().orElse("none");
            System.out.println("same LAN: a -> b at " + aSeesB + ", b -> a at " + bSeesA);
            assertTrue(aSeesB.startsWith(b.lanAddress() + ":"), "a should reach b at its LAN address: " + aSeesB);
            assertTrue(bSeesA.startsWith(a.lanAddress() + ":"), "b should reach a at its LAN address: " + bSeesA);
        }
    }

    @Test
    void restartingTheCoordinatorKeepsTunnelsAndARoamAfterwardsRecovers() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING).router("r2", RouterKind.EIM_PORT_PRESERVING)
                .router("r3", RouterKind.EIM_PORT_PRESERVING).host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            assertTrue(Coordination.firstReply(b, a, WITHIN).isPresent());
            try (Pinger pinger = b.startPinger(a.overlayAddress(), Duration.ofMillis(50))) {
                LabProcess.sleep(Duration.ofSeconds(1));
                Instant restart = Instant.now();
                lab.stop(coordinator.process());
                Coordination.Running again = Coordination.restartCoordinator(lab);
                assertEquals(coordinator.publicKey(), again.publicKey(), "same key file, same key");
                LabProcess.sleep(Duration.ofSeconds(3));
                Instant roam = Instant.now();
                a.roamTo(lab.router("r3"));
                LabProcess.sleep(Duration.ofSeconds(5));
                PingSeries series = pinger.stop();
                long during = series.repliesBetween(restart, roam);
                Optional<Duration> gap = series.gapAround(roam);
                System.out.printf("coordinator restart: %d replies between the restart and the roam (of about %d);"
                        + " gap around the roam after it: %s%n", during,
                        Duration.between(restart, roam).toMillis() / 50,
                        gap.map(g -> g.toMillis() + " ms").orElse("no recovery"));
                assertTrue(during > 0, "the tunnel dropped while the coordinator restarted");
                assertTrue(gap.isPresent(), "no recovery after the roam that followed the restart");
            }
        }
    }
}
