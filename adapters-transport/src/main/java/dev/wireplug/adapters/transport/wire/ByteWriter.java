package dev.wireplug.adapters.transport.wire;

import java.util.Arrays;

/** Writes big-endian fields into a growing array. */
final class ByteWriter {
    private byte[] bytes = new byte[128];
    private int length;

    ByteWriter u8(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    ByteWriter u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    ByteWriter u32(int value) {
        return u16(value >>> 16).u16(value);
    }

    ByteWriter u64(long value) {
        return u32((int) (value >>> 32)).u32((int) value);
    }

    ByteWriter bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    int length() {
        return length;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
