package dev.wireplug.adapters.transport.wire;

/** A wireplug message of a protocol version this build does not speak: answer "upgrade required". */
public final class UnsupportedVersionException extends WireFormatException {
    private static final long serialVersionUID = 1L;
    private final int version;

    public UnsupportedVersionException(int version) {
        super("protocol version " + version + " is not supported (this build speaks "
                + WireCodec.MIN_VERSION + "-" + WireCodec.VERSION + ")");
        this.version = version;
    }

    public int version() {
        return version;
    }
}
