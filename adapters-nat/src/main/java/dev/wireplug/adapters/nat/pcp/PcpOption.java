package dev.wireplug.adapters.nat.pcp;

import java.util.Arrays;
import java.util.Objects;

/**
 * A PCP option (RFC 6887 section 7.3): code, reserved byte, 16-bit length of the data without
 * padding, then the data padded with zeros to a multiple of 4.
 */
public record PcpOption(int code, byte[] data) {
    public static final int THIRD_PARTY = 1;
    public static final int PREFER_FAILURE = 2;
    public static final int FILTER = 3;

    public PcpOption {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option code " + code + " is outside 0-255");
        }
        data = Objects.requireNonNull(data, "data").clone();
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("option data of " + data.length + " bytes");
        }
    }

    public static PcpOption preferFailure() {
        return new PcpOption(PREFER_FAILURE, new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Options 128-255 may be ignored when not understood (RFC 6887 7.3). */
    public boolean isOptional() {
        return code >= 128;
    }

    public int encodedLength() {
        return 4 + padded(data.length);
    }

    static int padded(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcpOption other && other.code == code && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PcpOption[code=" + code + ", length=" + data.length + "]";
    }
}
