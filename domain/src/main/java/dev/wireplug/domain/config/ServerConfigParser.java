package dev.wireplug.domain.config;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import dev.wireplug.domain.net.IpAddresses;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code /etc/wpcod.conf}: {@code Key = Value} lines, {@code #} comments, no sections.
 * Keys are case-insensitive and named like the command-line flags.
 */
public final class ServerConfigParser {
    private static final String KNOWN = "Listen, AlternateAddress, KeyFile, Store, Metrics, Relay, RelayDataPlane";

    private ServerConfigParser() {}

    /** Applies the file's settings on top of {@code base}. */
    public static ServerConfig parse(String source, List<String> lines, ServerConfig base) throws ConfigException {
        ServerConfig config = base;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String raw = lines.get(i);
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException(source, number, "expected 'Key = Value', got '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            String name = key.toLowerCase(Locale.ROOT);
            Integer first = seen.putIfAbsent(name, number);
            if (first != null) {
                throw new ConfigException(source, number, key + " is given twice (first on line " + first + ")");
            }
            if (value.isEmpty()) {
                throw new ConfigException(source, number, key + " has no value");
            }
            try {
                config = apply(config, name, key, value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, number, key + ": " + e.getMessage());
            }
        }
        return config;
    }

    /** One setting, as from the file or a flag; {@code key} is the name to show in errors. */
    public static ServerConfig apply(ServerConfig c, String name, String key, String value) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "listen" -> new ServerConfig(listen(value), c.alternateAddress(), c.keyFile(), c.store(), c.metrics(),
                    c.relay(), c.relayDataPlane());
            case "alternateaddress" -> new ServerConfig(c.listen(), Optional.of(IpAddresses.parse(value)), c.keyFile(),
                    c.store(), c.metrics(), c.relay(), c.relayDataPlane());
            case "keyfile" -> new ServerConfig(c.listen(), c.alternateAddress(), Path.of(value), c.store(),
                    c.metrics(), c.relay(), c.relayDataPlane());
            case "store" -> new ServerConfig(c.listen(), c.alternateAddress(), c.keyFile(), store(value), c.metrics(),
                    c.relay(), c.relayDataPlane());
            case "metrics" -> new ServerConfig(c.listen(), c.alternateAddress(), c.keyFile(), c.store(),
                    Optional.of(HostPort.parse(value, 9108)), c.relay(), c.relayDataPlane());
            case "relay" -> new ServerConfig(c.listen(), c.alternateAddress(), c.keyFile(), c.store(), c.metrics(),
                    onOff(value), c.relayDataPlane());
            case "relaydataplane" -> new ServerConfig(c.listen(), c.alternateAddress(), c.keyFile(), c.store(),
                    c.metrics(), c.relay(), dataPlane(value));
            default -> throw new IllegalArgumentException("unknown key '" + key + "' (known keys: " + KNOWN + ")");
        };
    }

    /** {@code ADDR:PORT}, {@code [V6]:PORT}, or a bare address meaning the default port. */
    private static Endpoint listen(String value) {
        if (value.startsWith("[") || value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
            return Endpoint.parse(value);
        }
        return new Endpoint(IpAddresses.parse(value), ServerConfig.DEFAULT_PORT);
    }

    private static String store(String value) {
        if (value.equals("memory") || value.startsWith("redis://") || value.startsWith("rediss://")
                || value.startsWith("redis-sentinel://") || value.startsWith("redis+cluster://")
                || value.startsWith("rediss+cluster://")) {
            return value;
        }
        throw new IllegalArgumentException("'" + value + "' is not a store (expected memory, redis://[:password@]host:port[/db] or redis+cluster://host:port)");
    }

    private static String dataPlane(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("netty") || v.equals("nftables")) {
            return v;
        }
        throw new IllegalArgumentException("'" + value + "' is not a relay data plane (expected netty or nftables)");
    }

    private static boolean onOff(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not on or off");
        };
    }
}
