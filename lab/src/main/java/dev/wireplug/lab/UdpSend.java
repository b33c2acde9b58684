package dev.wireplug.lab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Sends datagrams, one per hex line of a file, from one socket: run inside a lab namespace to
 * play an attacker replaying what it captured. A main of its own because it must run in the
 * namespace, and the lab has no other tool that sends arbitrary UDP payloads.
 */
public final class UdpSend {
    private UdpSend() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: UdpSend HOST PORT HEX-FILE");
            System.exit(2);
        }
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        try (DatagramSocket socket = new DatagramSocket()) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] payload = HexFormat.of().parseHex(line.strip());
                socket.send(new DatagramPacket(payload, payload.length, target));
                Thread.sleep(5);
            }
        }
        System.out.println("sent " + lines.stream().filter(l -> !l.isBlank()).count() + " datagrams to " + target);
    }

    /** The command that runs this main with the lab's own classes and the running JDK. */
    static List<String> command(String host, int port, Path hexFile) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(UdpSend.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new LabException("cannot locate the lab's classes: " + e.getMessage(), e);
        }
        return List.of(java, "-cp", classes, UdpSend.class.getName(), host, Integer.toString(port), hexFile.toString());
    }
}
