package dev.wireplug.application.port.out;

/** A WireGuard device that cannot be read or changed, naming the interface and the backend. */
public final class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
