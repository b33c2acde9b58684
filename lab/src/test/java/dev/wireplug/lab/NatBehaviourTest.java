package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The router kinds behave as their names say, judged by independent tools: coturn's STUN server
 * on the coordinator's two addresses and turnutils_natdiscovery (RFC 5780) on a host behind each.
 */
@LabTest
class NatBehaviourTest {

    private static final Pattern REFLEXIVE = Pattern.compile("UDP reflexive addr: ([0-9.]+):(\\d+)");

    @Test
    void natDiscoveryAgreesWithEachRouterKind() {
        try (Lab lab = Lab.up(Topology.builder()
                .coordinator("coord")
                .router("r1", RouterKind.NO_NAT)
                .router("r2", RouterKind.EIM_PORT_PRESERVING)
                .router("r3", RouterKind.FIXED_OTHER_PORT)
                .router("r4", RouterKind.DESTINATION_DEPENDENT)
                .plainHost("p1", "r1")
                .plainHost("p2", "r2")
                .plainHost("p3", "r3")
                .plainHost("p4", "r4")
                .build())) {
            LabCoordinator coord = lab.coordinator();
            LabProcess stun = coord.start("turnserver", List.of(Prerequisites.path("turnserver"), "-n", "--stun-only",
                    "-L", coord.address(0), "-L", coord.address(1), "--no-cli", "--no-tls", "--no-dtls",
                    "--log-file", "stdout", "--simple-log", "--pidfile", lab.runDir().resolve("turnserver.pid").toString()));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!coord.exec("ss", "-Hlun", "sport = :3479").stdout().contains(coord.address(1) + ":3479")) {
                assertTrue(stun.alive() && System.nanoTime() < deadline, "turnserver did not come up:\n" + stun.logText());
                LabProcess.sleep(Duration.ofMillis(50));
            }

            // The hosts have no WireGuard, so their WireGuard port is free: FIXED_OTHER_PORT maps it.
            Map<String, CompletableFuture<String>> runs = new LinkedHashMap<>();
            for (LabHost h : lab.hosts()) {
                runs.put(h.name(), CompletableFuture.supplyAsync(() -> h.exec(Prerequisites.path("turnutils_natdiscovery"),
                        "-m", "-f", "-L", h.lanAddress(), "-l", Integer.toString(h.wireguardPort()), coord.address(0)).stdout(),
                        Thread::startVirtualThread));
            }
            Map<String, String> out = new LinkedHashMap<>();
            runs.forEach((name, f) -> out.put(name, f.join()));
            out.forEach((name, text) -> System.out.printf("%s behind %s: %s; reflexive %s%n", name,
                    lab.host(name).router().kind(), verdicts(text), reflexive(text)));

            LabHost p1 = lab.host("p1");
            LabHost p2 = lab.host("p2");
            LabHost p3 = lab.host("p3");
            List<Executable> checks = new ArrayList<>();
            checks.add(() -> assertTrue(out.get("p1").contains("No NAT!"), "NO_NAT:\n" + out.get("p1")));
            checks.add(() -> assertTrue(out.get("p1").contains("Endpoint Independent Filtering"), out.get("p1")));
            checks.add(() -> assertEquals(List.of(p1.lanAddress() + ":" + p1.wireguardPort()), reflexive(out.get("p1")).subList(0, 1)));
            checks.add(() -> assertTrue(out.get("p2").contains("NAT with Endpoint Independent Mapping!"), out.get("p2")));
            checks.add(() -> assertEquals(lab.router("r2").wanAddress() + ":" + p2.wireguardPort(), reflexive(out.get("p2")).get(0),
                    "EIM_PORT_PRESERVING must keep the port"));
            checks.add(() -> assertTrue(out.get("p2").contains("Address and Port Dependent Filtering"), out.get("p2")));
            checks.add(() -> assertTrue(out.get("p3").contains("NAT with Endpoint Independent Mapping!"), out.get("p3")));
            checks.add(() -> assertEquals(lab.router("r3").wanAddress() + ":" + (p3.wireguardPort() + RouterKind.FIXED_PORT_OFFSET),
                    reflexive(out.get("p3")).get(0), "FIXED_OTHER_PORT maps to port + 10000"));
            checks.add(() -> assertTrue(out.get("p4").contains("Address and Port Dependent Mapping"), out.get("p4")));
            checks.add(() -> assertTrue(out.get("p4").contains("Address and Port Dependent Filtering"), out.get("p4")));
            assertAll(checks);
        }
    }

    private static List<String> verdicts(String text) {
        return text.lines().filter(l -> l.contains("!")).map(String::strip).toList();
    }

    private static List<String> reflexive(String text) {
        List<String> r = new ArrayList<>();
        Matcher m = REFLEXIVE.matcher(text);
        while (m.find()) {
            r.add(m.group(1) + ":" + m.group(2));
        }
        return r;
    }
}
