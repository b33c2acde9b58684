package dev.wireplug.domain.net;

/** UDP port numbers: 1 to 65535 (0 is "any", never a real endpoint). */
public final class Ports {
    private Ports() {}

    public static int check(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        return port;
    }

    public static int parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + s + "' is not a port number (1-65535)");
        }
        return check(Integer.parseInt(s));
    }
}
