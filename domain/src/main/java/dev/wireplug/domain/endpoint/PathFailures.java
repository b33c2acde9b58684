package dev.wireplug.domain.endpoint;

/**
 * Which kinds of path were tried for a peer and gave no handshake, so the next choice moves on
 * (an IPv6 attempt that fails must fall back to IPv4, never block it).
 */
public record PathFailures(boolean lan, boolean ipv6, boolean direct) {
    public static final PathFailures NONE = new PathFailures(false, false, false);

    public PathFailures withFailed(EndpointChoice.Path path) {
        return switch (path) {
            case LAN -> new PathFailures(true, ipv6, direct);
            case IPV6 -> new PathFailures(lan, true, direct);
            case MAPPED, OBSERVED -> new PathFailures(lan, ipv6, true);
            case RELAY, NONE -> this;
        };
    }
}
