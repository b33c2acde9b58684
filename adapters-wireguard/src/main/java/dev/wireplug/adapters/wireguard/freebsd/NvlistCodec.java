package dev.wireplug.adapters.wireguard.freebsd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * libnv's packed form (nvlist_pack/nvlist_unpack), written by hand because no Java library reads or
 * writes it: the libraries that exist are libnv itself (C, FreeBSD base) and a few Rust crates;
 * Solaris/ZFS "nvlist" libraries are a different, XDR-based format. The layout, from
 * sys/contrib/libnv/nvlist.c and nvpair.c of FreeBSD:
 *
 * <pre>
 * struct nvlist_header { uint8_t nvlh_magic;        0x6c ('l')
 *                        uint8_t nvlh_version;      0
 *                        uint8_t nvlh_flags;        NV_FLAG_IGNORE_CASE 0x01, NV_FLAG_NO_UNIQUE 0x02,
 *                                                   NV_FLAG_BIG_ENDIAN 0x80 (NV_FLAG_IN_ARRAY 0x100
 *                                                   does not fit in the byte and is always lost)
 *                        uint64_t nvlh_descriptors; 0: the kernel takes no descriptors
 *                        uint64_t nvlh_size; } __packed;   19 bytes
 * struct nvpair_header { uint8_t nvph_type; uint16_t nvph_namesize; uint64_t nvph_datasize;
 *                        uint64_t nvph_nitems; } __packed;  19 bytes, then the name and its NUL
 * </pre>
 *
 * The data after a pair header: NULL nothing; BOOL one byte 0/1; NUMBER 8 bytes; STRING the
 * characters and a NUL; BINARY datasize bytes. A nested NVLIST (datasize = the packed size of the
 * child, header included) is followed by the child's header, its pairs and an NV_TYPE_NVLIST_UP
 * (255) marker pair; an NVLIST_ARRAY (datasize 0, nitems n) by each element's header, its pairs and
 * an NV_TYPE_NVLIST_ARRAY_NEXT (254) marker, the last element included. Marker pairs have the name
 * "" (namesize 1) and no data. Multi-byte numbers are in the packer's byte order, flagged by
 * NV_FLAG_BIG_ENDIAN; this packer writes little-endian (FreeBSD's amd64 and arm64 kernels).
 *
 * <p>One quirk matters: {@code nvlh_size} of every header, nested ones included, is the number of
 * bytes from the end of that header to the end of the whole buffer (nvlist_pack_header writes
 * {@code *leftp - sizeof(nvlhdr)}), and nvlist_unpack_header rejects any other value.
 *
 * <p>The unpacker is stricter than libnv where libnv is lenient by accident: it wants every nested
 * list closed by its own marker and no bytes left over.
 */
final class NvlistCodec {
    static final int HEADER_SIZE = 19;
    static final int NVLIST_HEADER_MAGIC = 0x6c;
    static final int NVLIST_HEADER_VERSION = 0;
    static final int NV_FLAG_IGNORE_CASE = 0x01;
    static final int NV_FLAG_NO_UNIQUE = 0x02;
    static final int NV_FLAG_BIG_ENDIAN = 0x80;
    /** NV_FLAG_ALL_MASK as it survives in the header's flags byte. */
    static final int NV_FLAG_ALL_MASK = NV_FLAG_BIG_ENDIAN | NV_FLAG_IGNORE_CASE | NV_FLAG_NO_UNIQUE;
    static final int NV_TYPE_NVLIST_ARRAY_NEXT = 254;
    static final int NV_TYPE_NVLIST_UP = 255;
    /** sys/sys/nv.h: {@code #define NV_NAME_MAX 2048}. */
    static final int NV_NAME_MAX = 2048;
    /** A bound on nesting so hostile input cannot exhaust the stack; if_wg nests three deep. */
    static final int MAX_DEPTH = 32;

    private NvlistCodec() {}

    // ---- packing ----

    static byte[] pack(Nvlist nvlist) throws NvlistException {
        long size = packedSize(nvlist);
        if (size > Integer.MAX_VALUE - 8) {
            throw new NvlistException("nvlist too large to pack: " + size + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        writeList(out, nvlist);
        return out.array();
    }

    /** nvlist_size(): the header, and for every pair its header, name and data, nested lists included. */
    static long packedSize(Nvlist nvlist) throws NvlistException {
        long size = HEADER_SIZE;
        for (Nvlist.Pair pair : nvlist.pairs()) {
            size += HEADER_SIZE + nameBytes(pair.name()).length + 1 + dataSize(pair.value());
        }
        return size;
    }

    private static long dataSize(NvValue value) throws NvlistException {
        return switch (value) {
            case NvValue.Null n -> 0;
            case NvValue.Bool b -> 1;
            case NvValue.Number n -> 8;
            case NvValue.Text t -> t.value().getBytes(StandardCharsets.UTF_8).length + 1;
            case NvValue.Binary b -> b.length();
            // the child, then the UP marker (header + "")
            case NvValue.Nested n -> packedSize(n.value()) + HEADER_SIZE + 1;
            case NvValue.NvlistArray a -> {
                long sum = 0;
                for (Nvlist element : a.value()) {
                    sum += packedSize(element) + HEADER_SIZE + 1;
                }
                yield sum;
            }
        };
    }

    private static byte[] nameBytes(String name) throws NvlistException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > NV_NAME_MAX) {
            throw new NvlistException("name of " + bytes.length + " bytes is longer than NV_NAME_MAX");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new NvlistException("name '" + name + "' contains a NUL");
            }
        }
        return bytes;
    }

    private static void writeHeader(ByteBuffer out) {
        out.put((byte) NVLIST_HEADER_MAGIC);
        out.put((byte) NVLIST_HEADER_VERSION);
        out.put((byte) 0);
        out.putLong(0);
        out.putLong(out.capacity() - out.position() - 8);
    }

    private static void writeList(ByteBuffer out, Nvlist nvlist) throws NvlistException {
        writeHeader(out);
        for (Nvlist.Pair pair : nvlist.pairs()) {
            writePair(out, pair);
        }
    }

    private static void writePairHeader(ByteBuffer out, int type, byte[] name, long datasize, long nitems) {
        out.put((byte) type);
        out.putShort((short) (name.length + 1));
        out.putLong(datasize);
        out.putLong(nitems);
        out.put(name);
        out.put((byte) 0);
    }

    private static void writePair(ByteBuffer out, Nvlist.Pair pair) throws NvlistException {
        byte[] name = nameBytes(pair.name());
        switch (pair.value()) {
            case NvValue.Null n -> writePairHeader(out, NvValue.NV_TYPE_NULL, name, 0, 0);
            case NvValue.Bool b -> {
                writePairHeader(out, NvValue.NV_TYPE_BOOL, name, 1, 0);
                out.put((byte) (b.value() ? 1 : 0));
            }
            case NvValue.Number n -> {
                writePairHeader(out, NvValue.NV_TYPE_NUMBER, name, 8, 0);
                out.putLong(n.value());
            }
            case NvValue.Text t -> {
                byte[] text = t.value().getBytes(StandardCharsets.UTF_8);
                for (byte c : text) {
                    if (c == 0) {
                        throw new NvlistException("string '" + pair.name() + "' contains a NUL");
                    }
                }
                writePairHeader(out, NvValue.NV_TYPE_STRING, name, text.length + 1, 0);
                out.put(text);
                out.put((byte) 0);
            }
            case NvValue.Binary b -> {
                if (b.length() == 0) {
                    // nvpair_create_binary refuses size 0 (EINVAL), and unpack would too.
                    throw new NvlistException("binary '" + pair.name() + "' is empty; libnv cannot hold that");
                }
                writePairHeader(out, NvValue.NV_TYPE_BINARY, name, b.length(), 0);
                out.put(b.value());
            }
            case NvValue.Nested n -> {
                writePairHeader(out, NvValue.NV_TYPE_NVLIST, name, packedSize(n.value()), 0);
                writeList(out, n.value());
                writePairHeader(out, NV_TYPE_NVLIST_UP, new byte[0], 0, 0);
            }
            case NvValue.NvlistArray a -> {
                if (a.value().isEmpty()) {
                    // nvpair_create_nvlist_array refuses nitems == 0 (EINVAL).
                    throw new NvlistException("nvlist array '" + pair.name() + "' is empty; libnv cannot hold that");
                }
                writePairHeader(out, NvValue.NV_TYPE_NVLIST_ARRAY, name, 0, a.value().size());
                for (Nvlist element : a.value()) {
                    writeList(out, element);
                    writePairHeader(out, NV_TYPE_NVLIST_ARRAY_NEXT, new byte[0], 0, 0);
                }
            }
        }
    }

    // ---- unpacking ----

    /** nvlist_unpack(buf, size, 0): what the kernel answers SIOCGWG with. */
    static Nvlist unpack(byte[] data, int length) throws NvlistException {
        if (length < 0 || length > data.length) {
            throw new NvlistException("length " + length + " outside a buffer of " + data.length);
        }
        Reader reader = new Reader(data, length);
        boolean bigEndian = reader.header();
        Nvlist root = reader.pairs(bigEndian, Terminator.END, 0);
        return root;
    }

    static Nvlist unpack(byte[] data) throws NvlistException {
        return unpack(data, data.length);
    }

    private enum Terminator { END, UP, NEXT }

    private static final class Reader {
        private final byte[] data;
        private final int limit;
        private int position;

        Reader(byte[] data, int limit) {
            this.data = data;
            this.limit = limit;
        }

        private int left() {
            return limit - position;
        }

        private void need(int bytes, String what) throws NvlistException {
            if (left() < bytes) {
                throw new NvlistException(what + " needs " + bytes + " bytes at offset " + position + ", "
                        + left() + " left");
            }
        }

        private long u64(boolean bigEndian) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                int b = data[position + (bigEndian ? i : 7 - i)] & 0xff;
                value = (value << 8) | b;
            }
            position += 8;
            return value;
        }

        private int u16(boolean bigEndian) {
            int a = data[position] & 0xff;
            int b = data[position + 1] & 0xff;
            position += 2;
            return bigEndian ? (a << 8) | b : (b << 8) | a;
        }

        /** An nvlist header; returns whether the list is big-endian. */
        boolean header() throws NvlistException {
            need(HEADER_SIZE, "an nvlist header");
            int at = position;
            int magic = data[position++] & 0xff;
            position++; // version: libnv does not check it either
            int flags = data[position++] & 0xff;
            if (magic != NVLIST_HEADER_MAGIC) {
                throw new NvlistException("no nvlist header at offset " + at + " (magic " + magic + ")");
            }
            if ((flags & ~NV_FLAG_ALL_MASK) != 0) {
                throw new NvlistException("unknown nvlist flags " + flags + " at offset " + at);
            }
            boolean bigEndian = (flags & NV_FLAG_BIG_ENDIAN) != 0;
            long descriptors = u64(bigEndian);
            long size = u64(bigEndian);
            if (descriptors != 0) {
                throw new NvlistException("nvlist at offset " + at + " carries " + descriptors + " descriptors");
            }
            if (size != left()) {
                throw new NvlistException("nvlist header at offset " + at + " says " + Long.toUnsignedString(size)
                        + " bytes follow, " + left() + " do");
            }
            if (at == 0 && (flags & (NV_FLAG_IGNORE_CASE | NV_FLAG_NO_UNIQUE)) != 0) {
                // nvlist_unpack(..., 0) fails with EILSEQ when the flags differ from those asked for.
                throw new NvlistException("nvlist flags " + flags + " differ from the 0 the kernel unpacks with");
            }
            return bigEndian;
        }

        Nvlist pairs(boolean bigEndian, Terminator terminator, int depth) throws NvlistException {
            if (depth > MAX_DEPTH) {
                throw new NvlistException("nvlists nested deeper than " + MAX_DEPTH);
            }
            List<Nvlist.Pair> pairs = new ArrayList<>();
            while (true) {
                if (left() == 0) {
                    if (terminator == Terminator.END) {
                        return new Nvlist(pairs);
                    }
                    throw new NvlistException("buffer ends inside a nested nvlist");
                }
                need(HEADER_SIZE, "an nvpair header");
                int at = position;
                int type = data[position++] & 0xff;
                int namesize = u16(bigEndian);
                long datasize = u64(bigEndian);
                long nitems = u64(bigEndian);
                if (namesize < 1 || namesize > NV_NAME_MAX) {
                    throw new NvlistException("nvpair at offset " + at + " has a name size of " + namesize);
                }
                need(namesize, "an nvpair name");
                int nameEnd = position + namesize - 1;
                for (int i = position; i < nameEnd; i++) {
                    if (data[i] == 0) {
                        throw new NvlistException("nvpair name at offset " + position + " has an early NUL");
                    }
                }
                if (data[nameEnd] != 0) {
                    throw new NvlistException("nvpair name at offset " + position + " is not NUL-terminated");
                }
                String name = new String(data, position, namesize - 1, StandardCharsets.UTF_8);
                position += namesize;
                if (datasize < 0 || datasize > left()) {
                    throw new NvlistException("nvpair '" + name + "' claims " + Long.toUnsignedString(datasize)
                            + " bytes of data, " + left() + " left");
                }
                switch (type) {
                    case NV_TYPE_NVLIST_UP -> {
                        if (terminator != Terminator.UP) {
                            throw new NvlistException("unexpected NVLIST_UP marker at offset " + at);
                        }
                        return new Nvlist(pairs);
                    }
                    case NV_TYPE_NVLIST_ARRAY_NEXT -> {
                        if (terminator != Terminator.NEXT) {
                            throw new NvlistException("unexpected NVLIST_ARRAY_NEXT marker at offset " + at);
                        }
                        return new Nvlist(pairs);
                    }
                    default -> pairs.add(new Nvlist.Pair(name, value(type, name, (int) datasize, nitems, bigEndian,
                            depth)));
                }
            }
        }

        private NvValue value(int type, String name, int datasize, long nitems, boolean bigEndian, int depth)
                throws NvlistException {
            switch (type) {
                case NvValue.NV_TYPE_NULL -> {
                    expectSize(name, datasize, 0);
                    return new NvValue.Null();
                }
                case NvValue.NV_TYPE_BOOL -> {
                    expectSize(name, datasize, 1);
                    int b = data[position++];
                    if (b != 0 && b != 1) {
                        throw new NvlistException("bool '" + name + "' holds " + b);
                    }
                    return new NvValue.Bool(b == 1);
                }
                case NvValue.NV_TYPE_NUMBER -> {
                    expectSize(name, datasize, 8);
                    return new NvValue.Number(u64(bigEndian));
                }
                case NvValue.NV_TYPE_STRING -> {
                    if (datasize == 0 || data[position + datasize - 1] != 0) {
                        throw new NvlistException("string '" + name + "' is not NUL-terminated");
                    }
                    for (int i = position; i < position + datasize - 1; i++) {
                        if (data[i] == 0) {
                            throw new NvlistException("string '" + name + "' has an early NUL");
                        }
                    }
                    String text = new String(data, position, datasize - 1, StandardCharsets.UTF_8);
                    position += datasize;
                    return new NvValue.Text(text);
                }
                case NvValue.NV_TYPE_BINARY -> {
                    if (datasize == 0) {
                        throw new NvlistException("binary '" + name + "' is empty");
                    }
                    byte[] bytes = new byte[datasize];
                    System.arraycopy(data, position, bytes, 0, datasize);
                    position += datasize;
                    return new NvValue.Binary(bytes);
                }
                case NvValue.NV_TYPE_NVLIST -> {
                    if (datasize == 0) {
                        throw new NvlistException("nvlist '" + name + "' has a data size of 0");
                    }
                    boolean childBigEndian = header();
                    return new NvValue.Nested(pairs(childBigEndian, Terminator.UP, depth + 1));
                }
                case NvValue.NV_TYPE_NVLIST_ARRAY -> {
                    // libnv: nitems must be non-zero and nitems * sizeof(nvpair_header) fit in what is left.
                    if (nitems <= 0 || nitems > left() / HEADER_SIZE) {
                        throw new NvlistException("nvlist array '" + name + "' claims " + Long.toUnsignedString(nitems)
                                + " elements, " + left() + " bytes left");
                    }
                    List<Nvlist> elements = new ArrayList<>();
                    for (long i = 0; i < nitems; i++) {
                        boolean elementBigEndian = header();
                        elements.add(pairs(elementBigEndian, Terminator.NEXT, depth + 1));
                    }
                    return new NvValue.NvlistArray(elements);
                }
                default -> throw new NvlistException("nvpair '" + name + "' has type " + type
                        + ", which the WireGuard interface never uses");
            }
        }

        private static void expectSize(String name, int datasize, int expected) throws NvlistException {
            if (datasize != expected) {
                throw new NvlistException("nvpair '" + name + "' has a data size of " + datasize + ", not " + expected);
            }
        }
    }
}
