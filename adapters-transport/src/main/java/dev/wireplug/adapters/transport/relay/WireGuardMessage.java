package dev.wireplug.adapters.transport.relay;

/**
 * The four WireGuard message types and their sizes, from the WireGuard paper (section 5.4) and
 * wireguard-go's {@code device/noise-protocol.go} ({@code MessageInitiationSize = 148},
 * {@code MessageResponseSize = 92}, {@code MessageCookieReplySize = 64},
 * {@code MessageTransportHeaderSize = 16} plus a 16-byte tag, so a keepalive is 32 bytes).
 * Every message starts with a one-byte type and three zero bytes.
 */
enum WireGuardMessage {
    INITIATION(1, 148, true),
    RESPONSE(2, 92, true),
    COOKIE_REPLY(3, 64, true),
    TRANSPORT(4, 32, false);

    /** Where mac1 starts in an initiation: type..reserved..sender..ephemeral..static..timestamp. */
    static final int INITIATION_MAC1_OFFSET = 116;
    /** Where mac1 starts in a response: type..reserved..sender..receiver..ephemeral..empty. */
    static final int RESPONSE_MAC1_OFFSET = 60;
    static final int MAC_LENGTH = 16;

    private final int type;
    private final int size;
    private final boolean exactSize;

    WireGuardMessage(int type, int size, boolean exactSize) {
        this.type = type;
        this.size = size;
        this.exactSize = exactSize;
    }

    int type() {
        return type;
    }

    /** The exact size, or the smallest for transport data. */
    int size() {
        return size;
    }

    /** What kind of WireGuard message {@code data[offset..offset+length)} is. */
    static WireGuardMessage classify(byte[] data, int offset, int length) throws WireGuardMessageException {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        if (length < 4) {
            throw new WireGuardMessageException("a WireGuard message has at least 4 bytes, got " + length);
        }
        if (data[offset + 1] != 0 || data[offset + 2] != 0 || data[offset + 3] != 0) {
            throw new WireGuardMessageException("the three reserved bytes of a WireGuard message are zero");
        }
        int type = data[offset] & 0xff;
        for (WireGuardMessage message : values()) {
            if (message.type == type) {
                boolean fits = message.exactSize ? length == message.size : length >= message.size;
                if (!fits) {
                    throw new WireGuardMessageException("a WireGuard " + message + " message is "
                            + (message.exactSize ? "" : "at least ") + message.size + " bytes, got " + length);
                }
                return message;
            }
        }
        throw new WireGuardMessageException("no WireGuard message has type " + type);
    }
}
