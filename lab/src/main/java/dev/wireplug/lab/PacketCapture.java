package dev.wireplug.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** tcpdump on one link of one namespace, written to a pcap file in the run directory. */
public final class PacketCapture implements AutoCloseable {

    private final LabProcess tcpdump;
    private final Path pcap;

    PacketCapture(LabProcess tcpdump, Path pcap) {
        this.tcpdump = tcpdump;
        this.pcap = pcap;
    }

    public Path pcap() {
        return pcap;
    }

    /** Stops the capture (idempotent) and returns the packets as {@code tcpdump -r -nn -tt} prints them. */
    public List<String> stopAndRead() {
        close();
        return Exec.run(List.of("tcpdump", "-r", pcap.toString(), "-nn", "-tt")).stdout().lines().toList();
    }

    /**
     * Stops the capture and returns the UDP payloads of the packets matching a tcpdump filter
     * (IPv4 only), in order: what an on-path attacker would have recorded.
     */
    public List<byte[]> stopAndReadUdpPayloads(String filter) {
        close();
        List<String> lines = Exec.run(List.of("tcpdump", "-r", pcap.toString(), "-nn", "-x", filter)).stdout()
                .lines().toList();
        List<byte[]> payloads = new java.util.ArrayList<>();
        StringBuilder hex = new StringBuilder();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("0x")) {
                hex.append(stripped.substring(stripped.indexOf(':') + 1).replace(" ", ""));
            } else {
                addPayload(hex, payloads);
            }
        }
        addPayload(hex, payloads);
        return payloads;
    }

    private static void addPayload(StringBuilder hex, List<byte[]> payloads) {
        if (hex.isEmpty()) {
            return;
        }
        byte[] packet = java.util.HexFormat.of().parseHex(hex);
        hex.setLength(0);
        int ipHeader = (packet[0] & 0x0f) * 4;
        if ((packet[0] >> 4) == 4 && packet[9] == 17 && packet.length >= ipHeader + 8) {
            payloads.add(java.util.Arrays.copyOfRange(packet, ipHeader + 8, packet.length));
        }
    }

    @Override
    public void close() {
        tcpdump.interrupt(Duration.ofSeconds(3));
    }
}
