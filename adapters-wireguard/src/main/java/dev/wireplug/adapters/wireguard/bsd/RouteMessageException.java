package dev.wireplug.adapters.wireguard.bsd;

/** A routing socket message that does not fit its header's layout. */
public final class RouteMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public RouteMessageException(String message) {
        super(message);
    }
}
