package dev.wireplug.domain.net;

import java.util.Objects;

/**
 * A host name or address literal with a port, as in {@code Coordinator = coord.example.net:3478}.
 * Resolving the name is an adapter's job; the domain only checks the shape.
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("missing host");
        }
        Ports.check(port);
    }

    public static HostPort parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing host:port");
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + s + "': missing ']'");
            }
            String host = s.substring(1, close);
            IpAddresses.parse(host);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostPort(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + s + "' is not [IPv6]:port");
            }
            return new HostPort(host, Ports.parse(rest.substring(1)));
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.indexOf(':') != colon) {
            IpAddresses.parse(s);
            return new HostPort(s, defaultPort);
        }
        String host = colon < 0 ? s : s.substring(0, colon);
        if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')
                || host.isEmpty()) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or address");
        }
        return new HostPort(host, colon < 0 ? defaultPort : Ports.parse(s.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
