package dev.wireplug.adapters.wireguard;

import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The cross-platform userspace configuration protocol (wireguard.com/xplatform): {@code get=1} and
 * {@code set=1} requests, one {@code key=value} per line, ended by an empty line. Pure text in and
 * out; the socket lives in {@link UapiWireGuardDevice}.
 */
final class UapiCodec {
    private static final HexFormat HEX = HexFormat.of();

    /** What a {@code get=1} answer holds: the private key (absent when unset) and the state. */
    record GetResult(Optional<PrivateKey> privateKey, int listenPort, int fwmark, List<PeerState> peers) {}

    private UapiCodec() {}

    static byte[] encodeGet() {
        return "get=1\n\n".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One {@code set=1} request carrying the whole change: the implementation applies it under one
     * lock, so the device never shows half of it.
     */
    static byte[] encodeSet(DeviceChange change) {
        StringBuilder out = new StringBuilder("set=1\n");
        change.privateKey().ifPresent(k -> line(out, "private_key", HEX.formatHex(k.bytes())));
        change.listenPort().ifPresent(p -> line(out, "listen_port", Integer.toString(p)));
        change.fwmark().ifPresent(m -> line(out, "fwmark", Integer.toUnsignedString(m)));
        if (change.replacePeers()) {
            line(out, "replace_peers", "true");
        }
        for (PeerChange peer : change.peers()) {
            line(out, "public_key", HEX.formatHex(peer.publicKey().bytes()));
            if (peer.remove()) {
                line(out, "remove", "true");
                continue;
            }
            if (peer.updateOnly()) {
                line(out, "update_only", "true");
            }
            peer.endpoint().ifPresent(e -> line(out, "endpoint", formatEndpoint(e)));
            peer.persistentKeepalive().ifPresent(k -> line(out, "persistent_keepalive_interval",
                    Long.toString(k.toSeconds())));
            peer.allowedIps().ifPresent(ips -> {
                line(out, "replace_allowed_ips", "true");
                ips.forEach(ip -> line(out, "allowed_ip", ip.toString()));
            });
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
    }

    static String formatEndpoint(Endpoint endpoint) {
        InetAddress address = endpoint.address();
        if (address instanceof Inet6Address v6) {
            String scope = v6.getScopeId() != 0 ? "%" + v6.getScopeId() : "";
            return "[" + IpAddresses.format(v6) + scope + "]:" + endpoint.port();
        }
        return IpAddresses.format(address) + ":" + endpoint.port();
    }

    /** Checks the answer to a {@code set=1}: exactly {@code errno=N} and an empty line. */
    static void decodeSetResponse(String text) throws UapiFormatException {
        List<String[]> lines = lines(text);
        if (lines.size() != 1 || !lines.get(0)[0].equals("errno")) {
            throw new UapiFormatException("a set answer is a single errno line, got " + lines.size() + " lines");
        }
        checkErrno(lines.get(0)[1]);
    }

    static GetResult decodeGet(String text) throws UapiFormatException {
        List<String[]> lines = lines(text);
        if (lines.isEmpty() || !lines.get(lines.size() - 1)[0].equals("errno")) {
            throw new UapiFormatException("a get answer ends with an errno line");
        }
        checkErrno(lines.get(lines.size() - 1)[1]);
        Optional<PrivateKey> privateKey = Optional.empty();
        int listenPort = 0;
        int fwmark = 0;
        List<PeerState> peers = new ArrayList<>();
        PeerBuilder peer = null;
        for (String[] kv : lines.subList(0, lines.size() - 1)) {
            String key = kv[0];
            String value = kv[1];
            if (key.equals("public_key")) {
                if (peer != null) {
                    peers.add(peer.build());
                }
                peer = new PeerBuilder(PublicKey.of(hexKey(key, value)));
                continue;
            }
            if (peer == null) {
                switch (key) {
                    case "private_key" -> privateKey = Optional.of(PrivateKey.of(hexKey(key, value)));
                    case "listen_port" -> listenPort = (int) number(key, value, 65535);
                    case "fwmark" -> fwmark = (int) number(key, value, 0xffff_ffffL);
                    default -> {
                        // Keys newer than this codec (and the device-level "errno") are skipped, as wg(8) does.
                    }
                }
                continue;
            }
            switch (key) {
                case "endpoint" -> peer.endpoint = Optional.of(parseEndpoint(value));
                case "allowed_ip" -> peer.allowedIps.add(prefix(value));
                case "persistent_keepalive_interval" -> peer.keepalive = number(key, value, 65535);
                case "last_handshake_time_sec" -> peer.handshakeSec = number(key, value, Instant.MAX.getEpochSecond());
                case "last_handshake_time_nsec" -> peer.handshakeNsec = number(key, value, 999_999_999);
                case "rx_bytes" -> peer.rx = number(key, value, Long.MAX_VALUE);
                case "tx_bytes" -> peer.tx = number(key, value, Long.MAX_VALUE);
                default -> {
                    // preshared_key, protocol_version and future keys: not part of the port.
                }
            }
        }
        if (peer != null) {
            peers.add(peer.build());
        }
        return new GetResult(privateKey, listenPort, fwmark, peers);
    }

    /**
     * wireguard-go writes the negated errno ({@code errno=-22} for EINVAL), wg(8) and the
     * documentation positive ones; either way non-zero is a failure, reported as the positive value.
     */
    private static void checkErrno(String value) throws UapiFormatException {
        boolean negative = value.startsWith("-");
        long errno = number("errno", negative ? value.substring(1) : value, Integer.MAX_VALUE);
        if (errno != 0) {
            throw new UapiFormatException("the implementation answered errno=" + errno, (int) errno);
        }
    }

    /** Splits an answer into key/value pairs; it must end with exactly one empty line. */
    private static List<String[]> lines(String text) throws UapiFormatException {
        if (!text.endsWith("\n\n")) {
            throw new UapiFormatException("an answer ends with an empty line");
        }
        String body = text.substring(0, text.length() - 1);
        List<String[]> out = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            String line = body.substring(start, end);
            start = end + 1;
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new UapiFormatException("'" + shorten(line) + "' is not key=value");
            }
            out.add(new String[] {line.substring(0, eq), line.substring(eq + 1)});
        }
        return out;
    }

    private static byte[] hexKey(String key, String value) throws UapiFormatException {
        if (value.length() != 64) {
            throw new UapiFormatException(key + " must be 64 hex digits, got " + value.length() + " characters");
        }
        try {
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new UapiFormatException(key + " must be 64 hex digits");
        }
    }

    private static long number(String key, String value, long max) throws UapiFormatException {
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UapiFormatException(key + "='" + shorten(value) + "' is not a number");
        }
        long n = Long.parseLong(value);
        if (n > max) {
            throw new UapiFormatException(key + "=" + value + " is more than " + max);
        }
        return n;
    }

    private static IpPrefix prefix(String value) throws UapiFormatException {
        try {
            return IpPrefix.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UapiFormatException("allowed_ip: " + e.getMessage());
        }
    }

    /** {@code a.b.c.d:port} or {@code [v6%scope]:port}, never resolving a name. */
    static Endpoint parseEndpoint(String value) throws UapiFormatException {
        try {
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
                    throw new UapiFormatException("endpoint '" + shorten(value) + "' is not [IPv6]:port");
                }
                String host = value.substring(1, close);
                int percent = host.indexOf('%');
                int scope = 0;
                if (percent >= 0) {
                    scope = (int) number("endpoint scope", host.substring(percent + 1), Integer.MAX_VALUE);
                    host = host.substring(0, percent);
                }
                if (host.indexOf(':') < 0) {
                    throw new UapiFormatException("endpoint '" + shorten(value) + "' has no IPv6 address");
                }
                byte[] bytes = IpAddresses.parse(host).getAddress();
                if (bytes.length != 16) {
                    throw new UapiFormatException("endpoint '" + shorten(value) + "' has no IPv6 address");
                }
                InetAddress address = Inet6Address.getByAddress(null, bytes, scope);
                return new Endpoint(address, (int) number("endpoint port", value.substring(close + 2), 65535));
            }
            int colon = value.lastIndexOf(':');
            if (colon < 0 || value.indexOf(':') != colon) {
                throw new UapiFormatException("endpoint '" + shorten(value) + "' is not IPv4:port");
            }
            return new Endpoint(IpAddresses.parse(value.substring(0, colon)),
                    (int) number("endpoint port", value.substring(colon + 1), 65535));
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new UapiFormatException("endpoint '" + shorten(value) + "': " + e.getMessage());
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    private static final class PeerBuilder {
        final PublicKey key;
        Optional<Endpoint> endpoint = Optional.empty();
        final List<IpPrefix> allowedIps = new ArrayList<>();
        long keepalive;
        long handshakeSec;
        long handshakeNsec;
        long rx;
        long tx;

        PeerBuilder(PublicKey key) {
            this.key = key;
        }

        PeerState build() {
            Optional<Duration> keep = keepalive == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(keepalive));
            // Zero seconds and nanoseconds is how every implementation says "never".
            Optional<Instant> handshake = handshakeSec == 0 && handshakeNsec == 0
                    ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(handshakeSec, handshakeNsec));
            return new PeerState(key, endpoint, allowedIps, keep, handshake, rx, tx);
        }
    }
}
