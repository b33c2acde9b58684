package dev.wireplug.adapters.transport.relay;

import dev.wireplug.domain.key.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * A real handshake between two wireguard-go interfaces, captured with tcpdump (see the header of
 * {@code wireguard-go-handshake.txt} for how): an initiation A to B, B's response, two transport
 * data messages.
 */
final class CapturedHandshake {
    static final PublicKey A = PublicKey.parse("RLpxPBo9i6rQUibPENbNzDRtncYR/9P+N4CECwd+fQo=");
    static final PublicKey B = PublicKey.parse("O/ZFXLuhogdiT23jQLRZEtK+4AreKhmmWiaieN08hBE=");
    static final byte[] INITIATION_A_TO_B;
    static final byte[] RESPONSE_B_TO_A;
    static final byte[] TRANSPORT_A_TO_B;

    static {
        List<byte[]> messages = load();
        INITIATION_A_TO_B = messages.get(0);
        RESPONSE_B_TO_A = messages.get(1);
        TRANSPORT_A_TO_B = messages.get(2);
    }

    private CapturedHandshake() {}

    private static List<byte[]> load() {
        try (InputStream in = CapturedHandshake.class.getResourceAsStream("wireguard-go-handshake.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return text.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> HexFormat.of().parseHex(line.split(" ")[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
