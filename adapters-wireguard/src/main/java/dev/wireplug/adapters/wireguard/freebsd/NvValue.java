package dev.wireplug.adapters.wireguard.freebsd;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A value in a libnv nvlist: the types FreeBSD's if_wg exchanges (sys/sys/nv.h numbers in
 * {@link #type()}). Descriptors and the typed arrays other than nvlist arrays are left out: they
 * never appear in a WireGuard request or answer.
 */
sealed interface NvValue {
    int NV_TYPE_NULL = 1;
    int NV_TYPE_BOOL = 2;
    int NV_TYPE_NUMBER = 3;
    int NV_TYPE_STRING = 4;
    int NV_TYPE_NVLIST = 5;
    int NV_TYPE_BINARY = 7;
    int NV_TYPE_NVLIST_ARRAY = 11;

    int type();

    record Null() implements NvValue {
        @Override
        public int type() {
            return NV_TYPE_NULL;
        }
    }

    record Bool(boolean value) implements NvValue {
        @Override
        public int type() {
            return NV_TYPE_BOOL;
        }
    }

    /** libnv numbers are uint64_t; Java's long carries the same 64 bits. */
    record Number(long value) implements NvValue {
        @Override
        public int type() {
            return NV_TYPE_NUMBER;
        }
    }

    record Text(String value) implements NvValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return NV_TYPE_STRING;
        }
    }

    record Binary(byte[] value) implements NvValue {
        public Binary {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        int length() {
            return value.length;
        }

        @Override
        public int type() {
            return NV_TYPE_BINARY;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Binary that && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Binary[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    record Nested(Nvlist value) implements NvValue {
        public Nested {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return NV_TYPE_NVLIST;
        }
    }

    record NvlistArray(List<Nvlist> value) implements NvValue {
        public NvlistArray {
            value = List.copyOf(value);
        }

        @Override
        public int type() {
            return NV_TYPE_NVLIST_ARRAY;
        }
    }
}
