package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real WireGuard (wireguard-go) through each data plane: peer A in one namespace, peer B in
 * another, the relay in a third that routes between them (198.18.1.0/24 and 198.18.2.0/24). The
 * peers know nothing but the relay port.
 */
@Tag("lab")
class WireGuardThroughRelayLabTest {
    /** The throwaway private keys of the captured handshake (see wireguard-go-handshake.txt). */
    private static final String A_PRIVATE = "YAN/x1diQmYYvLY1KbngqxJ9tU3T5xvQcUPxW/GwjVM=";
    private static final String B_PRIVATE = "ENxrooAYeW+wKi3SXyw7CMTPPZmkEOMzaHTwF8ZFUU8=";

    @ParameterizedTest
    @ValueSource(strings = {"netty", "nftables"})
    void twoWireGuardPeersReachEachOtherThroughTheRelayPortAlone(String plane) throws Exception {
        String missing = LabNamespace.missingForLab();
        for (String tool : List.of("wg", "wireguard-go", "ping")) {
            if (!onPath(tool)) {
                missing += (missing.isEmpty() ? "" : ", ") + "'" + tool + "' (apt-get install wireguard-tools wireguard-go iputils-ping)";
            }
        }
        if (!missing.isEmpty()) {
            fail("this lab test needs " + missing);
        }
        long pid = ProcessHandle.current().pid();
        String suffix = plane.substring(0, 1) + pid;
        String nsR = "rly-wr-" + suffix;
        String nsA = "rly-wa-" + suffix;
        String nsB = "rly-wb-" + suffix;
        String ifA = "rwa" + suffix;
        String ifB = "rwb" + suffix;
        List<String> made = new ArrayList<>();
        Path keys = Files.createTempDirectory("rly-keys", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try {
            for (String ns : List.of(nsR, nsA, nsB)) {
                sh("ip", "netns", "add", ns);
                made.add(ns);
                sh("ip", "-n", ns, "link", "set", "lo", "up");
            }
            link(nsR, "ra" + suffix, "198.18.1.1/24", nsA, "ar" + suffix, "198.18.1.2/24");
            link(nsR, "rb" + suffix, "198.18.2.1/24", nsB, "br" + suffix, "198.18.2.2/24");
            sh("ip", "-n", nsA, "route", "add", "default", "via", "198.18.1.1");
            sh("ip", "-n", nsB, "route", "add", "default", "via", "198.18.2.1");
            sh("ip", "netns", "exec", nsR, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            wireGuard(nsA, ifA, keys.resolve("a.key"), A_PRIVATE, "10.251.0.1/24");
            wireGuard(nsB, ifB, keys.resolve("b.key"), B_PRIVATE, "10.251.0.2/24");
            sh("ip", "netns", "exec", nsA, "wg", "set", ifA, "peer", CapturedHandshake.B.toBase64(), "allowed-ips", "10.251.0.2/32");
            sh("ip", "netns", "exec", nsB, "wg", "set", ifB, "peer", CapturedHandshake.A.toBase64(), "allowed-ips", "10.251.0.1/32");

            LabNamespace relay = LabNamespace.existing(nsR);
            LabNamespace.Result result = relay.runJava(WireGuardThroughRelayLabMain.class, 120, plane, nsA, nsB, ifA, ifB);
            System.out.println(result.output());
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("PASS"), result.output());
        } finally {
            for (String ns : made) {
                for (String process : LabNamespace.run(List.of("ip", "netns", "pids", ns)).split("\\s+")) {
                    if (!process.isBlank()) {
                        ProcessHandle.of(Long.parseLong(process)).ifPresent(ProcessHandle::destroy);
                    }
                }
            }
            Thread.sleep(300);
            for (String ns : made) {
                LabNamespace.run(List.of("ip", "netns", "del", ns));
            }
            Files.deleteIfExists(Path.of("/var/run/wireguard", ifA + ".sock"));
            Files.deleteIfExists(Path.of("/var/run/wireguard", ifB + ".sock"));
            Files.deleteIfExists(keys.resolve("a.key"));
            Files.deleteIfExists(keys.resolve("b.key"));
            Files.deleteIfExists(keys);
        }
    }

    private static void link(String ns1, String if1, String addr1, String ns2, String if2, String addr2) throws Exception {
        sh("ip", "-n", ns1, "link", "add", if1, "type", "veth", "peer", "name", if2, "netns", ns2);
        sh("ip", "-n", ns1, "addr", "add", addr1, "dev", if1);
        sh("ip", "-n", ns2, "addr", "add", addr2, "dev", if2);
        sh("ip", "-n", ns1, "link", "set", if1, "up");
        sh("ip", "-n", ns2, "link", "set", if2, "up");
    }

    private static void wireGuard(String ns, String ifName, Path keyFile, String privateKey, String address) throws Exception {
        Files.writeString(keyFile, privateKey + "\n");
        sh("ip", "netns", "exec", ns, "wireguard-go", ifName);
        sh("ip", "netns", "exec", ns, "wg", "set", ifName, "private-key", keyFile.toString(), "listen-port", "51820");
        sh("ip", "-n", ns, "addr", "add", address, "dev", ifName);
        sh("ip", "-n", ns, "link", "set", ifName, "up");
    }

    private static void sh(String... command) throws IOException, InterruptedException {
        LabNamespace.run(List.of(command));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
