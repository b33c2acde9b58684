package dev.wireplug.application.port.out;

/** A relay data plane that cannot open an allocation (no free port, rules refused, ...). */
public final class RelayException extends Exception {
    private static final long serialVersionUID = 1L;

    public RelayException(String message) {
        super(message);
    }

    public RelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
