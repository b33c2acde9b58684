package dev.wireplug.adapters.transport.control;

import dev.wireplug.application.status.StatusFormatKind;
import java.util.Locale;
import java.util.Optional;

/**
 * The local control socket's protocol: one request line ({@code status text} or
 * {@code status json}), one rendered answer, then the daemon closes the connection.
 */
final class ControlProtocol {
    static final int MAX_REQUEST_BYTES = 64;

    private ControlProtocol() {}

    static String request(StatusFormatKind format) {
        return "status " + format.name().toLowerCase(Locale.ROOT) + "\n";
    }

    static Optional<StatusFormatKind> parse(String line) {
        return switch (line.strip()) {
            case "status text" -> Optional.of(StatusFormatKind.TEXT);
            case "status json" -> Optional.of(StatusFormatKind.JSON);
            default -> Optional.empty();
        };
    }
}
