package dev.wireplug.adapters.transport.wire;

import java.time.Instant;

/**
 * A TAI64N label (cr.yp.to/libtai/tai64.html) as WireGuard puts in its handshake: 8 bytes of
 * seconds offset by 2^62, 4 bytes of nanoseconds. The coordinator accepts a client's handshake only
 * when its timestamp is later than the last one it accepted from that key, so a captured
 * initiation replayed later (from any address) is refused before any state changes. Like
 * WireGuard we do not add the TAI-UTC leap second offset: only the order matters.
 */
public record Tai64n(long seconds, int nanos) implements Comparable<Tai64n> {
    public static final int LENGTH = 12;
    private static final long BASE = 1L << 62;

    public Tai64n {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanoseconds out of range: " + nanos);
        }
    }

    public static Tai64n of(Instant instant) {
        return new Tai64n(instant.getEpochSecond(), instant.getNano());
    }

    void writeTo(ByteWriter out) {
        out.u64(BASE + seconds).u32(nanos);
    }

    static Tai64n readFrom(ByteReader in) throws WireFormatException {
        long label = in.u64();
        int nanos = in.u32();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new WireFormatException("TAI64N nanoseconds out of range");
        }
        return new Tai64n(label - BASE, nanos);
    }

    @Override
    public int compareTo(Tai64n other) {
        int bySeconds = Long.compare(seconds, other.seconds);
        return bySeconds != 0 ? bySeconds : Integer.compare(nanos, other.nanos);
    }
}
