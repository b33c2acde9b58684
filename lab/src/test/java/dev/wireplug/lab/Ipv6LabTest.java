package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two hosts behind IPv4 NATs that both also have routed IPv6 (behind their routers' stateful
 * firewalls): the daemons pick the IPv6 path, learned from each other's sealed hints, and the
 * tunnel runs over it.
 */
@LabTest
class Ipv6LabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void peersThatBothHaveIpv6UseIt() {
        Topology topology = Topology.builder().ipv6().coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING).router("r2", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            Optional<Duration> first = Coordination.firstReply(a, b, WITHIN);
            assertTrue(first.isPresent(), a.wgShowText() + "\n" + b.wgShowText());
            String aSeesB = a.wgShow().peers().get(0).endpoint().orElse("none");
            String bSeesA = b.wgShow().peers().get(0).endpoint().orElse("none");
            System.out.printf("ipv6: first reply after %d ms; a -> b at %s, b -> a at %s%n", first.get().toMillis(),
                    aSeesB, bSeesA);
            assertTrue(aSeesB.startsWith("[2001:db8:"), "a should reach b over IPv6: " + aSeesB);
            assertTrue(bSeesA.startsWith("[2001:db8:"), "b should reach a over IPv6: " + bSeesA);
            assertTrue(a.ping(b.overlayAddress(), 3, Duration.ofMillis(200)).count() > 0);
        }
    }
}
