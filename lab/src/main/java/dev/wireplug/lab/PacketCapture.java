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

    @Override
    public void close() {
        tcpdump.interrupt(Duration.ofSeconds(3));
    }
}
