package dev.wireplug.adapters.transport.wire;

import java.util.Arrays;

/** Reads big-endian fields, raising {@link WireFormatException} instead of running off the end. */
final class ByteReader {
    private final byte[] bytes;
    private int at;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    ByteReader(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.at = offset;
    }

    int u8() throws WireFormatException {
        need(1);
        return bytes[at++] & 0xff;
    }

    int u16() throws WireFormatException {
        need(2);
        int value = ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
        at += 2;
        return value;
    }

    int u32() throws WireFormatException {
        need(4);
        int value = ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
                | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
        at += 4;
        return value;
    }

    long u64() throws WireFormatException {
        long high = u32() & 0xffffffffL;
        long low = u32() & 0xffffffffL;
        return (high << 32) | low;
    }

    byte[] bytes(int length) throws WireFormatException {
        need(length);
        byte[] out = Arrays.copyOfRange(bytes, at, at + length);
        at += length;
        return out;
    }

    byte[] rest() {
        byte[] out = Arrays.copyOfRange(bytes, at, bytes.length);
        at = bytes.length;
        return out;
    }

    int remaining() {
        return bytes.length - at;
    }

    void end() throws WireFormatException {
        if (at != bytes.length) {
            throw new WireFormatException((bytes.length - at) + " unexpected trailing bytes");
        }
    }

    private void need(int length) throws WireFormatException {
        if (length < 0 || bytes.length - at < length) {
            throw new WireFormatException("truncated: need " + length + " bytes at offset " + at
                    + ", have " + (bytes.length - at));
        }
    }
}
