package dev.wireplug.domain.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** A UDP endpoint: an IPv4 or IPv6 address and a port, as WireGuard's Endpoint. */
public record Endpoint(InetAddress address, int port) {
    public Endpoint {
        Objects.requireNonNull(address, "address");
        Ports.check(port);
    }

    /** Parses {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}. */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing endpoint");
        }
        String s = text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + s + "' is not an endpoint (expected [IPv6]:port)");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + s + "' is not an endpoint (expected IPv4:port or [IPv6]:port)");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        return new Endpoint(IpAddresses.parse(host), Ports.parse(port));
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        String host = IpAddresses.format(address);
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }
}
