package dev.wireplug.adapters.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.adapters.transport.crypto.CryptoTestKeys;
import dev.wireplug.adapters.transport.server.CoordinatorSettings;
import dev.wireplug.adapters.transport.server.MapRendezvousStore;
import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.application.service.RendezvousService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Independent STUN clients against a real wpcod socket on loopback: coturn's
 * {@code turnutils_stunclient} (RFC 5389/5780) and {@code stun} from stun-client (RFC 3489, which
 * runs its CHANGE-REQUEST tests against our alternate address). Needs both installed
 * ({@code apt-get install coturn stun-client}); fails, never skips, when they are missing.
 */
@Tag("lab")
class StunInteropLabTest {
    private static final InetAddress PRIMARY = InetAddress.getLoopbackAddress();

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        fail(name + " is missing: apt-get install -y coturn stun-client");
        return name;
    }

    private static CoordinatorServer start(StunServer.Topology topology) throws IOException {
        MapRendezvousStore store = new MapRendezvousStore();
        CoordinatorServer server = new CoordinatorServer(CryptoTestKeys.generate(),
                n -> new RendezvousService(store, n, Instant::now, Duration.ofSeconds(90)), Instant::now,
                new SecureRandom(), CoordinatorSettings.defaults());
        server.start(topology);
        return server;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail(String.join(" ", command) + " did not finish in 30 s");
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void turnutilsStunclientGetsTheMappedAddress() throws Exception {
        String tool = tool("turnutils_stunclient");
        try (CoordinatorServer server = start(new StunServer.Topology(new InetSocketAddress(PRIMARY, 0), Optional.empty()))) {
            int port = server.boundAddresses().get(0).getPort();
            String output = run(tool, "-p", String.valueOf(port), "127.0.0.1");
            System.out.println("turnutils_stunclient output:\n" + output);
            Matcher m = Pattern.compile("UDP reflexive addr: 127\\.0\\.0\\.1:(\\d+)").matcher(output);
            assertTrue(m.find(), "turnutils_stunclient reported no reflexive address:\n" + output);
        }
    }

    @Test
    void classicStunClientRunsItsChangeRequestTestsAgainstTheAlternate() throws Exception {
        String tool = tool("stun");
        InetAddress alternate = InetAddress.getByName("127.0.0.2");
        int base = 20000 + new SecureRandom().nextInt(20000);
        StunServer.Topology topology = new StunServer.Topology(new InetSocketAddress(PRIMARY, base),
                Optional.of(new InetSocketAddress(alternate, base + 1)));
        try (CoordinatorServer server = start(topology)) {
            assertEquals(4, server.boundAddresses().size());
            String output = run(tool, "127.0.0.1:" + base, "-v", "-p", String.valueOf(base + 7));
            System.out.println("stun output:\n" + output);
            List<String> problems = new ArrayList<>();
            if (!output.contains("MappedAddress = 127.0.0.1")) {
                problems.add("no MappedAddress");
            }
            if (!output.contains("ChangedAddress = 127.0.0.2:" + (base + 1))) {
                problems.add("no ChangedAddress naming the alternate");
            }
            assertTrue(problems.isEmpty(), problems + "\n" + output);
        }
    }
}
