package dev.wireplug.lab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code wg show IFACE dump}, parsed: the interface line and one line per peer (tab-separated). */
public record WgDump(String publicKey, int listenPort, List<Peer> peers) {

    public record Peer(String publicKey, Optional<String> endpoint, String allowedIps,
            Optional<Instant> latestHandshake, long rxBytes, long txBytes, Optional<Integer> keepaliveSeconds) {
    }

    public WgDump {
        peers = List.copyOf(peers);
    }

    public static WgDump parse(String dump) {
        List<String> lines = dump.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty wg dump");
        }
        String[] itf = lines.get(0).split("\t", -1);
        if (itf.length < 4) {
            throw new IllegalArgumentException("not a wg dump interface line: " + lines.get(0));
        }
        List<Peer> peers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length < 8) {
                throw new IllegalArgumentException("not a wg dump peer line: " + line);
            }
            long hs = Long.parseLong(f[4]);
            peers.add(new Peer(f[0],
                    "(none)".equals(f[2]) ? Optional.empty() : Optional.of(f[2]),
                    f[3],
                    hs == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(hs)),
                    Long.parseLong(f[5]), Long.parseLong(f[6]),
                    "off".equals(f[7]) ? Optional.empty() : Optional.of(Integer.parseInt(f[7]))));
        }
        return new WgDump(itf[1], Integer.parseInt(itf[2]), peers);
    }

    public Optional<Peer> peer(String publicKey) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }
}
