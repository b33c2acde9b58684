package dev.wireplug.adapters.wireguard.bsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkChange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Routing socket messages built at the offsets of each system's headers (documented field by field
 * on {@link RoutingSocketLayout}): OpenBSD sys/net/route.h and if.h (rev. with rtm_hdrlen,
 * RTM_VERSION 5), FreeBSD sys/net/route.h and if.h on amd64, xnu bsd/net/route.h, if.h and
 * if_var.h. Message types RTM_ADD 1, RTM_DELETE 2, RTM_NEWADDR 0xc, RTM_DELADDR 0xd, RTM_IFINFO 0xe;
 * RTA_DST 0x1, RTA_GATEWAY 0x2, RTA_NETMASK 0x4, RTA_IFP 0x10, RTA_IFA 0x20, RTA_BRD 0x80;
 * IFF_UP 0x1, IFF_RUNNING 0x40; RTF_UP 0x1, RTF_GATEWAY 0x2, RTF_HOST 0x4, RTF_STATIC 0x800.
 */
class RouteMessageDecoderTest {
    private static final Map<Integer, String> INDEXES = Map.of(1, "em0", 2, "vtnet0", 4, "en0");

    private static RouteMessageDecoder decoder(RoutingSocketLayout layout) {
        return new RouteMessageDecoder(layout, index -> Optional.ofNullable(INDEXES.get(index)));
    }

    private static List<NetworkChange> decode(RoutingSocketLayout layout, byte[] message) throws Exception {
        return decoder(layout).decode(message, message.length);
    }

    private static byte[] sin(String dotted) {
        byte[] out = new byte[16];
        out[0] = 16;
        out[1] = 2;
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < 4; i++) {
            out[4 + i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** A sockaddr_dl of {@code length} bytes naming an interface (sdl_nlen), with a 6-byte address. */
    private static byte[] sdl(int index, String name, int length) {
        byte[] out = new byte[length];
        out[0] = (byte) length;
        out[1] = 18; // AF_LINK
        out[2] = (byte) index;
        out[4] = 6; // IFT_ETHER
        out[5] = (byte) name.length();
        out[6] = 6;
        System.arraycopy(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, 8, name.length());
        return out;
    }

    @Test
    void openBsdNewAddressUsesTheHeaderLengthAndEightBytePadding() throws Exception {
        byte[] message = new LittleEndianImage(88)
                .u16(0, 88).u8(2, 5).u8(3, 0xc).u16(4, 24).u16(6, 1)
                .u32(12, 0x04 | 0x10 | 0x20 | 0x80)
                .raw(24, hex("07 00 0000 ffffff")) // netmask, truncated after its last non-zero byte
                .raw(32, sdl(1, "em0", 17)) // 17 bytes, padded to 24
                .raw(56, sin("192.168.1.10"))
                .raw(72, sin("192.168.1.255"))
                .bytes();
        assertEquals(List.of(new NetworkChange.AddressChanged("em0", IpPrefix.parse("192.168.1.10/24"), true)),
                decode(RoutingSocketLayout.OPENBSD, message));
    }

    @Test
    void freeBsdDeletedAddressIsFoundAfterTheTwentyByteIfaHeader() throws Exception {
        byte[] message = new LittleEndianImage(68)
                .u16(0, 68).u8(2, 5).u8(3, 0xd).u32(4, 0x04 | 0x20).u16(12, 2)
                .raw(20, hex("10 1c 0000 00000000 ffffffffffffffff")) // sockaddr_in6 mask cut to 16 bytes: /64
                .raw(36, hex("1c 1c 0000 00000000 20010db8000000000000000000000005 00000000"))
                .bytes();
        assertEquals(List.of(new NetworkChange.AddressChanged("vtnet0", IpPrefix.parse("2001:db8::5/64"), false)),
                decode(RoutingSocketLayout.FREEBSD, message));
    }

    @Test
    void theKameScopeEmbeddedInLinkLocalAddressesIsRemoved() throws Exception {
        byte[] message = new LittleEndianImage(68)
                .u16(0, 68).u8(2, 5).u8(3, 0xc).u32(4, 0x04 | 0x20).u16(12, 2)
                .raw(20, hex("10 1c 0000 00000000 ffffffffffffffff"))
                .raw(36, hex("1c 1c 0000 00000000 fe800002000000000000000000000001 00000000"))
                .bytes();
        assertEquals(List.of(new NetworkChange.AddressChanged("vtnet0", IpPrefix.parse("fe80::1/64"), true)),
                decode(RoutingSocketLayout.FREEBSD, message));
    }

    @Test
    void macOsInterfaceInfoTakesItsNameFromTheSockaddrDlAfterA112ByteHeader() throws Exception {
        byte[] up = new LittleEndianImage(132)
                .u16(0, 132).u8(2, 5).u8(3, 0xe).u32(4, 0x10).u32(8, 0x8863).u16(12, 9)
                .raw(112, sdl(9, "en7", 20))
                .bytes();
        assertEquals(List.of(new NetworkChange.LinkChanged("en7", true)), decode(RoutingSocketLayout.DARWIN, up));
        byte[] down = up.clone();
        down[8] = 0x62; // IFF_UP cleared
        assertEquals(List.of(new NetworkChange.LinkChanged("en7", false)), decode(RoutingSocketLayout.DARWIN, down));
    }

    @Test
    void freeBsdLinkStateDownWinsOverTheFlags() throws Exception {
        byte[] message = new LittleEndianImage(168)
                .u16(0, 168).u8(2, 5).u8(3, 0xe).u32(8, 0x8843).u16(12, 1)
                .u8(20, 1) // ifi_link_state = LINK_STATE_DOWN
                .bytes();
        assertEquals(List.of(new NetworkChange.LinkChanged("em0", false)), decode(RoutingSocketLayout.FREEBSD, message));
        message[20] = 2; // LINK_STATE_UP
        assertEquals(List.of(new NetworkChange.LinkChanged("em0", true)), decode(RoutingSocketLayout.FREEBSD, message));
    }

    @Test
    void openBsdLinkStateLivesInsideIfDataAtOffset27() throws Exception {
        byte[] message = new LittleEndianImage(24 + 80)
                .u16(0, 104).u8(2, 5).u8(3, 0xe).u16(4, 104).u16(6, 1).u32(16, 0x8843)
                .u8(27, 2) // LINK_STATE_DOWN on OpenBSD
                .bytes();
        assertEquals(List.of(new NetworkChange.LinkChanged("em0", false)), decode(RoutingSocketLayout.OPENBSD, message));
        message[27] = 6; // LINK_STATE_FULL_DUPLEX
        assertEquals(List.of(new NetworkChange.LinkChanged("em0", true)), decode(RoutingSocketLayout.OPENBSD, message));
    }

    private static byte[] openBsdRoute(int type, int flags, String destination, String netmask) {
        return new LittleEndianImage(144)
                .u16(0, 144).u8(2, 5).u8(3, type).u16(4, 96).u16(6, 1)
                .u32(12, 0x1 | 0x2 | 0x4).u32(16, flags)
                .raw(96, sin(destination))
                .raw(112, sin("192.168.1.1"))
                .raw(128, sin(netmask))
                .bytes();
    }

    @Test
    void aNewDefaultRouteIsReportedOnItsInterface() throws Exception {
        assertEquals(List.of(new NetworkChange.DefaultRouteChanged("em0")),
                decode(RoutingSocketLayout.OPENBSD, openBsdRoute(0x1, 0x803, "0.0.0.0", "0.0.0.0")));
    }

    @Test
    void otherRoutesAreNotNetworkChanges() throws Exception {
        assertEquals(List.of(), decode(RoutingSocketLayout.OPENBSD, openBsdRoute(0x1, 0x803, "10.0.0.0", "255.0.0.0")));
        assertEquals(List.of(), decode(RoutingSocketLayout.OPENBSD, openBsdRoute(0x2, 0x807, "0.0.0.0", "0.0.0.0")));
    }

    @Test
    void macOsDeletedIpv6DefaultRouteWithAnEmptyNetmask() throws Exception {
        // rt_msghdr is 92 bytes; sockaddrs padded to 4; a netmask with sa_len 0 still takes 4 bytes.
        byte[] message = new LittleEndianImage(152)
                .u16(0, 152).u8(2, 5).u8(3, 0x2).u16(4, 4).u32(8, 0x803).u32(12, 0x1 | 0x2 | 0x4)
                .raw(92, hex("1c 1e 0000 00000000 00000000000000000000000000000000 00000000"))
                .raw(120, hex("1c 1e 0000 00000000 fe800004000000000000000000000001 00000000"))
                .bytes();
        assertEquals(List.of(new NetworkChange.DefaultRouteChanged("en0")), decode(RoutingSocketLayout.DARWIN, message));
    }

    @Test
    void messagesBackToBackAreDecodedInOrderAndOthersSkipped() throws Exception {
        byte[] route = openBsdRoute(0x1, 0x803, "0.0.0.0", "0.0.0.0");
        byte[] otherVersion = route.clone();
        otherVersion[2] = 4;
        byte[] otherType = route.clone();
        otherType[3] = 0x10; // RTM_DESYNC on OpenBSD
        byte[] link = new LittleEndianImage(104).u16(0, 104).u8(2, 5).u8(3, 0xe).u16(4, 104).u16(6, 2)
                .u32(16, 0x41).bytes();
        byte[] all = concat(otherVersion, route, otherType, link);
        assertEquals(List.of(new NetworkChange.DefaultRouteChanged("em0"), new NetworkChange.LinkChanged("vtnet0", true)),
                decode(RoutingSocketLayout.OPENBSD, all));
    }

    @Test
    void anUnknownIndexWithoutSockaddrDlIsNamedByNumber() throws Exception {
        byte[] message = new LittleEndianImage(168).u16(0, 168).u8(2, 5).u8(3, 0xe).u32(8, 0x41).u16(12, 77).bytes();
        assertEquals(List.of(new NetworkChange.LinkChanged("ifindex-77", true)),
                decode(RoutingSocketLayout.FREEBSD, message));
    }

    @Test
    void lengthsThatDoNotAddUpAreRejected() {
        byte[] route = openBsdRoute(0x1, 0x803, "0.0.0.0", "0.0.0.0");
        byte[] tooLong = route.clone();
        tooLong[0] = (byte) 200;
        assertThrows(RouteMessageException.class, () -> decode(RoutingSocketLayout.OPENBSD, tooLong));
        byte[] cut = Arrays.copyOf(route, 136);
        cut[0] = (byte) 136; // the netmask's 16 bytes no longer fit
        RouteMessageException e = assertThrows(RouteMessageException.class,
                () -> decode(RoutingSocketLayout.OPENBSD, cut));
        assertTrue(e.getMessage().contains("sockaddr"), e.getMessage());
        byte[] shortHeader = new LittleEndianImage(20).u16(0, 20).u8(2, 5).u8(3, 0xe).bytes();
        assertThrows(RouteMessageException.class, () -> decode(RoutingSocketLayout.FREEBSD, shortHeader));
    }

    @Test
    void randomAndTruncatedInputOnlyRaisesTheDecoderException() throws Exception {
        Random random = new Random(11);
        byte[] valid = concat(openBsdRoute(0x1, 0x803, "0.0.0.0", "0.0.0.0"),
                new LittleEndianImage(88).u16(0, 88).u8(2, 5).u8(3, 0xc).u16(4, 24).u16(6, 1)
                        .u32(12, 0xb4).raw(24, hex("07 00 0000 ffffff")).raw(32, sdl(1, "em0", 17))
                        .raw(56, sin("192.168.1.10")).raw(72, sin("192.168.1.255")).bytes());
        int decoded = 0;
        for (RoutingSocketLayout layout : List.of(RoutingSocketLayout.OPENBSD, RoutingSocketLayout.FREEBSD,
                RoutingSocketLayout.DARWIN)) {
            for (int n = 0; n <= valid.length; n++) {
                decoded += tryDecode(layout, Arrays.copyOf(valid, n));
            }
            for (int i = 0; i < 20_000; i++) {
                byte[] mutated = valid.clone();
                for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                decoded += tryDecode(layout, mutated);
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                decoded += tryDecode(layout, noise);
            }
        }
        System.out.println("routing message fuzz: " + decoded + " inputs decoded, the rest rejected");
    }

    private static int tryDecode(RoutingSocketLayout layout, byte[] input) {
        try {
            decode(layout, input);
            return 1;
        } catch (RouteMessageException expected) {
            return 0;
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
