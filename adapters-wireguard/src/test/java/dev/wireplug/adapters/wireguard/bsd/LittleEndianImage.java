package dev.wireplug.adapters.wireguard.bsd;

/**
 * A byte array written at explicit offsets, little-endian: how the tests build the kernel's side
 * of a buffer from the header layout, independently of the codec under test.
 */
public final class LittleEndianImage {
    private final byte[] bytes;

    public LittleEndianImage(int size) {
        this.bytes = new byte[size];
    }

    public LittleEndianImage u8(int offset, int value) {
        bytes[offset] = (byte) value;
        return this;
    }

    public LittleEndianImage u16(int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
        return this;
    }

    public LittleEndianImage u32(int offset, long value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public LittleEndianImage u64(int offset, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public LittleEndianImage raw(int offset, byte[] value) {
        System.arraycopy(value, 0, bytes, offset, value.length);
        return this;
    }

    public byte[] bytes() {
        return bytes.clone();
    }
}
