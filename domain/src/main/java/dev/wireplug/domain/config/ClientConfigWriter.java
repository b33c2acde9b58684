package dev.wireplug.domain.config;

import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.peer.Peer;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a {@link ClientConfig} in the format {@link ClientConfigParser} reads back unchanged. */
public final class ClientConfigWriter {
    private ClientConfigWriter() {}

    public static String render(ClientConfig config, List<String> headerComments) {
        StringBuilder out = new StringBuilder();
        for (String comment : headerComments) {
            out.append(comment.isEmpty() ? "#" : "# " + comment).append('\n');
        }
        InterfaceSettings i = config.interfaceSettings();
        out.append("[Interface]\n");
        out.append("PrivateKey = ").append(i.privateKey().toBase64()).append('\n');
        i.listenPort().ifPresent(port -> out.append("ListenPort = ").append(port).append('\n'));
        if (!i.addresses().isEmpty()) {
            out.append("Address = ").append(joined(i.addresses())).append('\n');
        }
        i.mtu().ifPresent(mtu -> out.append("MTU = ").append(mtu).append('\n'));

        WireplugSettings w = config.wireplug();
        out.append("\n[Wireplug]\n");
        w.coordinator().ifPresent(c -> out.append("Coordinator = ").append(c).append('\n'));
        w.coordinatorKey().ifPresent(k -> out.append("CoordinatorKey = ").append(k.toBase64()).append('\n'));
        out.append("NatTraversal = ").append(onOff(w.natTraversal())).append('\n');
        out.append("PortMapping = ").append(w.portMapping().isEmpty() ? "none"
                : w.portMapping().stream().map(MappingMethod::configName).collect(Collectors.joining(", ")))
                .append('\n');
        out.append("Relay = ").append(onOff(w.relay())).append('\n');
        out.append("WireGuardImplementation = ").append(w.implementation().configName()).append('\n');

        for (PeerSettings settings : config.peers()) {
            Peer p = settings.peer();
            out.append("\n[Peer]\n");
            out.append("PublicKey = ").append(p.publicKey().toBase64()).append('\n');
            if (!p.allowedIps().isEmpty()) {
                out.append("AllowedIPs = ").append(joined(p.allowedIps())).append('\n');
            }
            p.endpoint().ifPresent(e -> out.append("Endpoint = ").append(e).append('\n'));
            p.persistentKeepalive().ifPresent(k -> out.append("PersistentKeepalive = ").append(k.toSeconds()).append('\n'));
        }
        return out.toString();
    }

    private static String joined(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
