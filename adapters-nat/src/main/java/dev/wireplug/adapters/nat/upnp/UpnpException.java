package dev.wireplug.adapters.nat.upnp;

/** An SSDP answer, device description or SOAP reply that cannot be understood. */
public final class UpnpException extends Exception {
    public UpnpException(String message) {
        super(message);
    }

    public UpnpException(String message, Throwable cause) {
        super(message, cause);
    }
}
