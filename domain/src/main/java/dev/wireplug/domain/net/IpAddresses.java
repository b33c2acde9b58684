package dev.wireplug.domain.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever touching DNS. {@code InetAddress.getByName} falls back to
 * a name lookup for anything it does not recognise (say "10.0.0.256"), which would make config
 * validation slow, network-dependent and a leak of what the user typed.
 */
public final class IpAddresses {
    private IpAddresses() {}

    public static InetAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing IP address");
        }
        String s = text.strip();
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        return parseV4(s);
    }

    private static InetAddress parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv4 address (expected a.b.c.d)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 address (bad part '" + part + "')");
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 address (" + value + " > 255)");
            }
            bytes[i] = (byte) value;
        }
        return byAddress(bytes, s);
    }

    private static InetAddress parseV6(String s) {
        if (s.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + s + "': scoped IPv6 addresses are not supported");
        }
        if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv6 address");
        }
        try {
            // With a ':' in it, the JDK treats the text as an IPv6 literal and never resolves it.
            InetAddress address = InetAddress.getByName(s);
            if (!(address instanceof Inet6Address) && !(address instanceof Inet4Address)) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv6 address");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv6 address");
        }
    }

    private static InetAddress byAddress(byte[] bytes, String text) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    /** The literal form, with IPv6 in its compressed form. */
    public static String format(InetAddress address) {
        if (address instanceof Inet6Address) {
            return compressV6(address.getAddress());
        }
        return address.getHostAddress();
    }

    private static String compressV6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
