package dev.wireplug.adapters.wireguard.freebsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * libnv's packed format, byte for byte. The expected bytes are written from the structures in
 * FreeBSD's sys/contrib/libnv (nvlist.c: {@code struct nvlist_header { uint8_t nvlh_magic 0x6c;
 * uint8_t nvlh_version 0; uint8_t nvlh_flags; uint64_t nvlh_descriptors; uint64_t nvlh_size; }
 * __packed}; nvpair.c: {@code struct nvpair_header { uint8_t nvph_type; uint16_t nvph_namesize;
 * uint64_t nvph_datasize; uint64_t nvph_nitems; } __packed}), little-endian as an amd64 kernel
 * packs them, with the walk of nvlist_xpack: a nested list ends with an NV_TYPE_NVLIST_UP (255)
 * pair, every element of an nvlist array (the last too) with NV_TYPE_NVLIST_ARRAY_NEXT (254), both
 * named "" (namesize 1). nvlh_size is what remains of the whole buffer after that header
 * (nvlist_pack_header: {@code *leftp - sizeof(nvlhdr)}).
 */
class NvlistCodecTest {

    /** An nvlist_header with flags 0, no descriptors and {@code size} bytes after it. */
    private static String header(long size) {
        return "6c 00 00" + " 0000000000000000 " + le64(size);
    }

    /** An nvpair_header and the name with its NUL. */
    private static String pair(int type, String name, long datasize, long nitems) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int namesize = n.length + 1;
        return String.format(" %02x %02x%02x ", type, namesize & 0xff, namesize >> 8) + le64(datasize) + " "
                + le64(nitems) + " " + HexFormat.of().formatHex(n) + "00 ";
    }

    private static String le64(long v) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append(String.format("%02x", (v >>> (8 * i)) & 0xff));
        }
        return out.toString();
    }

    private static void assertPacksTo(String expectedHex, int expectedLength, Nvlist nvlist) throws Exception {
        byte[] expected = hex(expectedHex);
        assertEquals(expectedLength, expected.length, "the vector itself");
        assertEquals(hex(expected), hex(NvlistCodec.pack(nvlist)));
        assertEquals(expectedLength, NvlistCodec.packedSize(nvlist));
        assertEquals(nvlist, NvlistCodec.unpack(expected));
    }

    @Test
    void anEmptyListIsAHeaderSaying0BytesFollow() throws Exception {
        assertPacksTo("6c0000 0000000000000000 0000000000000000", 19, Nvlist.builder().build());
    }

    @Test
    void aNumberIsItsPairHeaderNameAndEightBytes() throws Exception {
        // 19 + 19 + "listen-port\0" 12 + 8 = 58; nvlh_size 39
        String expected = "6c0000 0000000000000000 2700000000000000"
                + " 03 0c00 0800000000000000 0000000000000000 6c697374656e2d706f727400"
                + " 6cca000000000000";
        assertPacksTo(expected, 58, Nvlist.builder().number("listen-port", 51820).build());
    }

    @Test
    void boolBinaryAndNullFollowEachOtherInInsertionOrder() throws Exception {
        // 19 + (19 + 14 + 1) + (19 + 2 + 2) + (19 + 2) = 97
        String expected = header(78)
                + pair(2, "replace-peers", 1, 0) + "01"
                + pair(7, "k", 2, 0) + "beef"
                + pair(1, "n", 0, 0);
        Nvlist nvlist = Nvlist.builder().bool("replace-peers", true).binary("k", hex("beef"))
                .add("n", new NvValue.Null()).build();
        assertPacksTo(expected, 97, nvlist);
    }

    @Test
    void aNestedListIsFollowedByAnUpMarkerAndItsHeaderCountsToTheEndOfTheBuffer() throws Exception {
        // root hdr @0..19; pair "a" @19..40 (datasize = child's nvlist_size 19 + 22 = 41);
        // child hdr @40..59 (size 101 - 59 = 42); pair "b" @59..81; UP @81..101
        String expected = header(82)
                + pair(5, "a", 41, 0)
                + header(42)
                + pair(2, "b", 1, 0) + "01"
                + pair(255, "", 0, 0);
        assertPacksTo(expected, 101, Nvlist.builder().nvlist("a", Nvlist.builder().bool("b", true).build()).build());
    }

    @Test
    void everyArrayElementEndsWithANextMarkerTheLastOneToo() throws Exception {
        // root hdr @0; "peers" array pair @19..44 (datasize 0, nitems 2); element 0 hdr @44 (size
        // 154 - 63 = 91); "cidr" @63..95; NEXT @95..115; element 1 (empty) hdr @115 (size 20);
        // NEXT @134..154
        String expected = header(135)
                + pair(11, "peers", 0, 2)
                + header(91)
                + pair(3, "cidr", 8, 0) + le64(24)
                + pair(254, "", 0, 0)
                + header(20)
                + pair(254, "", 0, 0);
        Nvlist nvlist = Nvlist.builder()
                .nvlistArray("peers", List.of(Nvlist.builder().number("cidr", 24).build(), Nvlist.builder().build()))
                .build();
        assertPacksTo(expected, 154, nvlist);
    }

    @Test
    void aStringCarriesItsNul() throws Exception {
        String expected = header(19 + 2 + 3) + pair(4, "s", 3, 0) + "686900";
        assertPacksTo(expected, 19 + 24, Nvlist.builder().add("s", new NvValue.Text("hi")).build());
    }

    @Test
    void bigEndianListsFromABigEndianPackerAreRead() throws Exception {
        // NV_FLAG_BIG_ENDIAN (0x80): the header's and pairs' multi-byte fields and numbers are big-endian.
        byte[] be = hex("6c0080 0000000000000000 0000000000000027"
                + " 03 000c 0000000000000008 0000000000000000 6c697374656e2d706f727400"
                + " 000000000000ca6c");
        assertEquals(Nvlist.builder().number("listen-port", 51820).build(), NvlistCodec.unpack(be));
    }

    @Test
    void headersMustCountToTheEndOfTheWholeBuffer() throws Exception {
        byte[] good = NvlistCodec.pack(Nvlist.builder().nvlist("a", Nvlist.builder().bool("b", true).build()).build());
        byte[] childSizedLocally = good.clone();
        childSizedLocally[40 + 11] = 22; // the child's own pairs (22) instead of the 42 left in the buffer
        NvlistException e = assertThrows(NvlistException.class, () -> NvlistCodec.unpack(childSizedLocally));
        assertTrue(e.getMessage().contains("offset 40"), e.getMessage());
    }

    @Test
    void unpackRejectsWhatLibnvRejects() {
        List<String> bad = List.of(
                "6d0000 0000000000000000 0000000000000000", // magic
                "6c0004 0000000000000000 0000000000000000", // unknown flag
                "6c0001 0000000000000000 0000000000000000", // NV_FLAG_IGNORE_CASE, unpacked with flags 0: EILSEQ
                "6c0000 0100000000000000 0000000000000000", // a descriptor
                "6c0000 0000000000000000 0100000000000000", // size says 1 more byte
                header(22) + pair(2, "b", 1, 0) + "02", // bool that is neither 0 nor 1
                header(25) + pair(3, "n", 4, 0) + "01000000", // number of 4 bytes
                header(21) + pair(7, "k", 0, 0), // empty binary
                header(21) + pair(11, "a", 0, 0), // array of no elements
                header(21) + pair(255, "", 0, 0), // UP at the top level
                header(21) + pair(6, "d", 0, 0), // a descriptor pair
                "6c0000 0000000000000000 1500000000000000 03 0200 0800000000000000 0000000000000000 6e6e", // no NUL
                header(40) + pair(5, "a", 19, 0) + header(0) // nested list never closed
        );
        for (String vector : bad) {
            byte[] bytes = hex(vector);
            assertThrows(NvlistException.class, () -> NvlistCodec.unpack(bytes), vector);
        }
    }

    @Test
    void packRefusesWhatLibnvCannotHold() {
        assertThrows(NvlistException.class,
                () -> NvlistCodec.pack(Nvlist.builder().binary("k", new byte[0]).build()));
        assertThrows(NvlistException.class,
                () -> NvlistCodec.pack(Nvlist.builder().nvlistArray("a", List.of()).build()));
        assertThrows(NvlistException.class,
                () -> NvlistCodec.pack(Nvlist.builder().number("a\0b", 1).build()));
        assertThrows(NvlistException.class,
                () -> NvlistCodec.pack(Nvlist.builder().number("x".repeat(2048), 1).build()));
    }

    @Test
    void randomTreesRoundTrip() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            Nvlist tree = randomList(random, 0);
            byte[] packed = NvlistCodec.pack(tree);
            assertEquals(packed.length, NvlistCodec.packedSize(tree));
            assertEquals(tree, NvlistCodec.unpack(packed));
        }
    }

    @Test
    void randomAndTruncatedInputOnlyRaisesTheCodecException() throws Exception {
        Random random = new Random(99);
        int parsed = 0;
        for (int i = 0; i < 300; i++) {
            byte[] valid = NvlistCodec.pack(randomList(random, 0));
            for (int n = 0; n < valid.length; n++) {
                parsed += tryUnpack(Arrays.copyOf(valid, n));
            }
            for (int j = 0; j < 30; j++) {
                byte[] mutated = valid.clone();
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                parsed += tryUnpack(mutated);
            }
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            parsed += tryUnpack(noise);
        }
        // nesting far beyond MAX_DEPTH must not blow the stack
        StringBuilder deep = new StringBuilder();
        int levels = 5000;
        int total = 19 + levels * (19 + 2 + 19);
        for (int l = 0; l < levels; l++) {
            int at = 19 + l * 40;
            deep.append(l == 0 ? header(total - 19) : "");
            deep.append(pair(5, "a", 19, 0)).append(header(total - at - 21 - 19));
        }
        byte[] deepBytes = hex(deep.toString());
        NvlistException tooDeep = assertThrows(NvlistException.class, () -> NvlistCodec.unpack(deepBytes));
        assertTrue(tooDeep.getMessage().contains("nested deeper"), tooDeep.getMessage());
        System.out.println("nvlist fuzz: " + parsed + " mutated inputs still parsed, the rest rejected");
    }

    private static int tryUnpack(byte[] input) {
        try {
            NvlistCodec.unpack(input);
            return 1;
        } catch (NvlistException expected) {
            return 0;
        }
    }

    private static Nvlist randomList(Random random, int depth) {
        Nvlist.Builder builder = Nvlist.builder();
        int pairs = random.nextInt(5);
        for (int i = 0; i < pairs; i++) {
            String name = "k" + random.nextInt(1000);
            switch (random.nextInt(depth < 3 ? 7 : 5)) {
                case 0 -> builder.add(name, new NvValue.Null());
                case 1 -> builder.bool(name, random.nextBoolean());
                case 2 -> builder.number(name, random.nextLong());
                case 3 -> {
                    byte[] bytes = new byte[1 + random.nextInt(40)];
                    random.nextBytes(bytes);
                    builder.binary(name, bytes);
                }
                case 4 -> builder.add(name, new NvValue.Text("t" + random.nextInt()));
                case 5 -> builder.nvlist(name, randomList(random, depth + 1));
                default -> {
                    List<Nvlist> elements = new ArrayList<>();
                    for (int e = 0, n = 1 + random.nextInt(3); e < n; e++) {
                        elements.add(randomList(random, depth + 1));
                    }
                    builder.nvlistArray(name, elements);
                }
            }
        }
        return builder.build();
    }
}
