package dev.wireplug.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

final class Captures {

    private Captures() {
    }

    static PacketCapture start(Lab lab, Netns ns, String node, String link) {
        Path pcap = lab.runDir().resolve(node + "-" + link + "-" + System.nanoTime() + ".pcap");
        LabProcess p = lab.start(ns, "tcpdump " + link + "@" + node, node + "-tcpdump-" + link,
                List.of(Prerequisites.path("tcpdump"), "-i", link, "-Z", "root", "-n", "-U", "-w", pcap.toString()), Map.of());
        p.awaitLog(l -> l.contains("listening on"), Duration.ofSeconds(5));
        return new PacketCapture(p, pcap);
    }
}
