package dev.wireplug.adapters.nat.upnp;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SSDP search (UPnP Device Architecture 1.1 section 1.3.2): M-SEARCH requests and the HTTP-over-UDP
 * answers. miniupnpc sends the same header set (HOST, ST, MAN with its quotes, MX).
 */
public final class SsdpCodec {
    public static final String MULTICAST_ADDRESS = "239.255.255.250";
    public static final int PORT = 1900;
    public static final String IGD_V1 = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
    public static final String IGD_V2 = "urn:schemas-upnp-org:device:InternetGatewayDevice:2";
    public static final int MAX_DATAGRAM = 2048;

    private SsdpCodec() {}

    public static byte[] mSearch(String searchTarget, int mxSeconds) {
        if (mxSeconds < 1 || mxSeconds > 5) {
            throw new IllegalArgumentException("MX must be 1-5 seconds, got " + mxSeconds);
        }
        if (searchTarget.isBlank() || searchTarget.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
            throw new IllegalArgumentException("bad search target '" + searchTarget + "'");
        }
        String text = "M-SEARCH * HTTP/1.1\r\n"
                + "HOST: " + MULTICAST_ADDRESS + ":" + PORT + "\r\n"
                + "ST: " + searchTarget + "\r\n"
                + "MAN: \"ssdp:discover\"\r\n"
                + "MX: " + mxSeconds + "\r\n"
                + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static SsdpResponse parseResponse(byte[] data, int length) throws UpnpException {
        if (length > MAX_DATAGRAM) {
            throw new UpnpException("SSDP datagram of " + length + " bytes");
        }
        String text = new String(data, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String status = lines[0].strip();
        if (!status.regionMatches(true, 0, "HTTP/1.", 0, 7)) {
            throw new UpnpException("not an SSDP search answer: '" + printable(status) + "'");
        }
        String[] parts = status.split(" +", 3);
        if (parts.length < 2 || !parts[1].equals("200")) {
            throw new UpnpException("SSDP answer with status '" + printable(status) + "'");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            headers.putIfAbsent(line.substring(0, colon).strip().toUpperCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        String location = headers.get("LOCATION");
        if (location == null || location.isEmpty()) {
            throw new UpnpException("SSDP answer without LOCATION");
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new UpnpException("bad LOCATION '" + printable(location) + "'", e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new UpnpException("LOCATION must be an http URL with a host: '" + printable(location) + "'");
        }
        return new SsdpResponse(uri, headers.getOrDefault("ST", ""), headers.getOrDefault("USN", ""),
                headers.getOrDefault("SERVER", ""));
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
