package dev.wireplug.application.status;

import dev.wireplug.application.status.DaemonStatus.PeerStatus;
import dev.wireplug.domain.nat.PortMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Renders a {@link DaemonStatus} for people ({@code status}) and for programs ({@code status --json}). */
public final class StatusFormat {
    private StatusFormat() {}

    public static String text(DaemonStatus s, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("interface: ").append(s.interfaceName()).append(" (").append(s.backend()).append(")\n");
        out.append("  listening port: ").append(s.listenPort()).append('\n');
        out.append("  nat: ").append(s.natKind().name().toLowerCase(Locale.ROOT).replace('_', '-')).append('\n');
        out.append("  public endpoint: ").append(s.publicEndpoint().map(Object::toString).orElse("unknown")).append('\n');
        s.mapping().ifPresent(m -> out.append("  port mapping: ").append(mapping(m, now)).append('\n'));
        out.append("  coordinator: ").append(s.coordinator()).append(s.sessionUp() ? " (session up)" : " (no session)")
                .append('\n');
        for (PeerStatus p : s.peers()) {
            out.append("\npeer: ").append(p.publicKey()).append('\n');
            out.append("  endpoint: ").append(p.endpoint().map(Object::toString).orElse("none")).append(" (")
                    .append(p.path()).append(": ").append(p.reason()).append(")\n");
            p.relay().ifPresent(r -> out.append("  relay: ").append(r).append(" (port ").append(r.port())
                    .append(p.relayed() ? ", in use" : ", offered, not in use").append(")\n"));
            out.append("  latest handshake: ").append(p.lastHandshake().map(t -> ago(t, now)).orElse("never"))
                    .append('\n');
            out.append("  transfer: ").append(p.rxBytes()).append(" B received, ").append(p.txBytes())
                    .append(" B sent\n");
        }
        return out.toString();
    }

    public static String json(DaemonStatus s) {
        StringBuilder out = new StringBuilder("{");
        field(out, "interface", s.interfaceName()).append(',');
        field(out, "backend", s.backend()).append(',');
        out.append("\"listenPort\":").append(s.listenPort()).append(',');
        field(out, "nat", s.natKind().name()).append(',');
        optional(out, "publicEndpoint", s.publicEndpoint().map(Object::toString)).append(',');
        out.append("\"mapping\":");
        if (s.mapping().isPresent()) {
            PortMapping m = s.mapping().get();
            out.append('{');
            field(out, "method", m.method().configName()).append(',');
            out.append("\"internalPort\":").append(m.internalPort()).append(',');
            out.append("\"externalPort\":").append(m.externalPort()).append(',');
            optional(out, "externalAddress", m.externalAddress().map(a -> a.getHostAddress())).append(',');
            field(out, "expires", m.expiresAt().toString());
            out.append('}');
        } else {
            out.append("null");
        }
        out.append(',');
        field(out, "coordinator", s.coordinator()).append(',');
        out.append("\"sessionUp\":").append(s.sessionUp()).append(',');
        out.append("\"peers\":[");
        for (int i = 0; i < s.peers().size(); i++) {
            PeerStatus p = s.peers().get(i);
            out.append(i == 0 ? "{" : ",{");
            field(out, "publicKey", p.publicKey()).append(',');
            optional(out, "endpoint", p.endpoint().map(Object::toString)).append(',');
            field(out, "path", p.path()).append(',');
            field(out, "reason", p.reason()).append(',');
            optional(out, "lastHandshake", p.lastHandshake().map(Instant::toString)).append(',');
            out.append("\"rxBytes\":").append(p.rxBytes()).append(',');
            out.append("\"txBytes\":").append(p.txBytes()).append(',');
            optional(out, "relay", p.relay().map(Object::toString)).append(',');
            out.append("\"relayed\":").append(p.relayed());
            out.append('}');
        }
        return out.append("]}\n").toString();
    }

    private static String mapping(PortMapping m, Instant now) {
        return m.method().configName() + ", external port " + m.externalPort()
                + m.externalAddress().map(a -> " on " + a.getHostAddress()).orElse("")
                + ", expires in " + Math.max(0, Duration.between(now, m.expiresAt()).toSeconds()) + " s";
    }

    private static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds + " second" + (seconds == 1 ? "" : "s") + " ago";
    }

    private static StringBuilder optional(StringBuilder out, String name, Optional<String> value) {
        if (value.isEmpty()) {
            return out.append('"').append(name).append("\":null");
        }
        return field(out, name, value.get());
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
