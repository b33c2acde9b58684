package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.net.IpPrefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden messages from the headers, little-endian host:
 * include/uapi/linux/rtnetlink.h: RTM_NEWLINK 16, RTM_NEWADDR 20, RTM_DELADDR 21, RTM_GETADDR 22,
 * RTM_NEWROUTE 24, RTM_DELROUTE 25; struct rtmsg {u8 family, dst_len, src_len, tos, table, protocol,
 * scope, type; u32 flags} (12 bytes); RT_TABLE_MAIN 254, RTPROT_BOOT 3, RT_SCOPE_LINK 253,
 * RTN_UNICAST 1; RTA_DST 1, RTA_OIF 4, RTA_GATEWAY 5, RTA_TABLE 15.
 * include/uapi/linux/if_link.h / rtnetlink.h: struct ifinfomsg {u8 family; u8 pad; u16 type; int
 * index; u32 flags; u32 change} (16); IFLA_IFNAME 3, IFLA_MTU 4, IFLA_LINKINFO 18 {IFLA_INFO_KIND 1}.
 * include/uapi/linux/if_addr.h: struct ifaddrmsg {u8 family, prefixlen, flags, scope; u32 index} (8);
 * IFA_ADDRESS 1, IFA_LOCAL 2, IFA_LABEL 3. include/uapi/linux/if.h: IFF_UP 0x1, IFF_LOOPBACK 0x8,
 * IFF_RUNNING 0x40, IFF_LOWER_UP 0x10000. netlink.h: NLM_F_REQUEST 1, NLM_F_ACK 4, NLM_F_DUMP 0x300,
 * NLM_F_REPLACE 0x100, NLM_F_CREATE 0x400.
 */
class RtnetlinkCodecTest {
    @BeforeAll
    static void littleEndianHost() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder());
    }

    @Test
    void addressDumpRequest() {
        assertArrayEquals(Hex.bytes("""
                18000000 1600 0103 01000000 00000000  # 24 bytes, RTM_GETADDR, REQUEST|DUMP, seq 1
                00 00 00 00 00000000                  # struct ifaddrmsg, AF_UNSPEC
                """), RtnetlinkCodec.dumpRequest(RtnetlinkCodec.RTM_GETADDR, 1));
    }

    @Test
    void addAnIpv4Address() {
        assertArrayEquals(Hex.bytes("""
                28000000 1400 0505 02000000 00000000  # 40 bytes, RTM_NEWADDR, REQUEST|ACK|REPLACE|CREATE
                02 18 00 00 07000000                  # AF_INET, /24, flags 0, scope universe, index 7
                0800 0200 0a420005                    # IFA_LOCAL 10.66.0.5
                0800 0100 0a420005                    # IFA_ADDRESS 10.66.0.5
                """), RtnetlinkCodec.address(2, true, 7, IpPrefix.parse("10.66.0.5/24")));
    }

    @Test
    void deleteAnIpv6Address() {
        assertArrayEquals(Hex.bytes("""
                40000000 1500 0500 02000000 00000000  # 64 bytes, RTM_DELADDR, REQUEST|ACK
                0a 40 00 00 07000000                  # AF_INET6, /64, index 7
                1400 0200 fd000066000000000000000000000005
                1400 0100 fd000066000000000000000000000005
                """), RtnetlinkCodec.address(2, false, 7, IpPrefix.parse("fd00:66::5/64")));
    }

    @Test
    void linkUpWithMtu() {
        assertArrayEquals(Hex.bytes("""
                28000000 1000 0500 03000000 00000000  # 40 bytes, RTM_NEWLINK, REQUEST|ACK, seq 3
                00 00 0000 07000000 01000000 01000000 # AF_UNSPEC, index 7, flags IFF_UP, change IFF_UP
                0800 0400 8c050000                    # IFLA_MTU 1420
                """), RtnetlinkCodec.setLink(3, 7, true, Optional.of(1420)));
    }

    @Test
    void routeThroughTheInterfaceUsesTheNetworkAddress() {
        assertArrayEquals(Hex.bytes("""
                2c000000 1800 0505 04000000 00000000  # 44 bytes, RTM_NEWROUTE, REQUEST|ACK|REPLACE|CREATE
                02 10 00 00 fe 03 fd 01 00000000      # AF_INET /16, main table, boot, scope link, unicast
                0800 0100 0a430000                    # RTA_DST 10.67.0.0 (host bits cleared)
                0800 0400 07000000                    # RTA_OIF 7
                """), RtnetlinkCodec.route(4, true, 7, IpPrefix.parse("10.67.1.9/16")));
    }

    static final String NEWLINK = """
            4c000000 1000 0000 00000000 00000000  # 76 bytes, RTM_NEWLINK (multicast: seq 0, pid 0)
            00 00 0100 03000000 41000100 00000000 # ARPHRD_ETHER, index 3, UP|RUNNING|LOWER_UP
            0900 0300 6574683000 000000           # IFLA_IFNAME "eth0"
            0800 0400 dc050000                    # IFLA_MTU 1500
            1000 1280                             # IFLA_LINKINFO | NESTED
              0900 0100 7665746800 000000         #   IFLA_INFO_KIND "veth"
            0800 0d00 00000000                    # IFLA_TXQLEN (13): ignored
            """;

    @Test
    void decodesALinkWithItsKind() throws Exception {
        Netlink.Message m = Netlink.messages(ByteBuffer.wrap(Hex.bytes(NEWLINK))).get(0);
        RtnetlinkCodec.Event.Link link = (RtnetlinkCodec.Event.Link) RtnetlinkCodec.decode(m).orElseThrow();
        assertEquals(3, link.index());
        assertEquals("eth0", link.name());
        assertEquals(Optional.of("veth"), link.kind());
        assertTrue(link.up());
        assertFalse(link.loopback());
    }

    static final String NEWADDR = """
            58000000 1400 0000 00000000 00000000  # 88 bytes, RTM_NEWADDR
            02 18 80 00 03000000                  # AF_INET /24, IFA_F_PERMANENT, scope universe, index 3
            0800 0100 0a420005                    # IFA_ADDRESS 10.66.0.5
            0800 0200 0a420005                    # IFA_LOCAL 10.66.0.5
            0800 0400 0a4200ff                    # IFA_BROADCAST
            0900 0300 6574683000 000000           # IFA_LABEL "eth0"
            0800 0800 80000000                    # IFA_FLAGS
            1400 0600 ffffffff ffffffff 10270000 10270000  # IFA_CACHEINFO
            """;

    @Test
    void decodesAnAddress() throws Exception {
        Netlink.Message m = Netlink.messages(ByteBuffer.wrap(Hex.bytes(NEWADDR))).get(0);
        RtnetlinkCodec.Event.Address a = (RtnetlinkCodec.Event.Address) RtnetlinkCodec.decode(m).orElseThrow();
        assertEquals(new RtnetlinkCodec.Event.Address(3, IpPrefix.parse("10.66.0.5/24"), Optional.of("eth0"), true), a);
    }

    @Test
    void aPointToPointAddressIsTheLocalOneNotThePeer() throws Exception {
        byte[] bytes = Hex.bytes("""
                28000000 1500 0000 00000000 00000000  # RTM_DELADDR
                02 20 00 00 09000000
                0800 0100 c6120002                    # IFA_ADDRESS (the peer) 198.18.0.2
                0800 0200 c6120001                    # IFA_LOCAL 198.18.0.1
                """);
        RtnetlinkCodec.Event.Address a = (RtnetlinkCodec.Event.Address)
                RtnetlinkCodec.decode(Netlink.messages(ByteBuffer.wrap(bytes)).get(0)).orElseThrow();
        assertEquals(IpPrefix.parse("198.18.0.1/32"), a.prefix());
        assertFalse(a.added());
    }

    static final String DEFAULT_ROUTE = """
            44000000 1800 0000 00000000 00000000  # 68 bytes, RTM_NEWROUTE
            02 00 00 00 fe 04 00 01 00000000      # AF_INET /0, main, RTPROT_STATIC (4), scope universe, unicast
            0800 0f00 fe000000                    # RTA_TABLE 254
            0800 0600 64000000                    # RTA_PRIORITY 100
            0800 0500 0a420001                    # RTA_GATEWAY 10.66.0.1
            0800 0400 03000000                    # RTA_OIF 3
            0800 0700 0a420005                    # RTA_PREFSRC
            """;

    @Test
    void decodesADefaultRoute() throws Exception {
        Netlink.Message m = Netlink.messages(ByteBuffer.wrap(Hex.bytes(DEFAULT_ROUTE))).get(0);
        RtnetlinkCodec.Event.Route r = (RtnetlinkCodec.Event.Route) RtnetlinkCodec.decode(m).orElseThrow();
        assertTrue(r.isDefault());
        assertEquals(3, r.index());
        assertEquals(Optional.of(IpAddresses.parse("10.66.0.1")), r.gateway());
    }

    @Test
    void otherMessageTypesAreNotEvents() throws Exception {
        byte[] done = Hex.bytes("14000000 0300 0200 01000000 00000000 00000000");
        assertEquals(Optional.empty(), RtnetlinkCodec.decode(Netlink.messages(ByteBuffer.wrap(done)).get(0)));
    }

    @Test
    void randomAndTruncatedInputOnlyRaisesTheCodecsException() {
        Random random = new Random(3);
        List<byte[]> samples = List.of(Hex.bytes(NEWLINK), Hex.bytes(NEWADDR), Hex.bytes(DEFAULT_ROUTE));
        int decoded = 0;
        for (byte[] sample : samples) {
            for (int cut = 0; cut <= sample.length; cut++) {
                decoded += decodeOrCodecError(Arrays.copyOf(sample, cut)) ? 1 : 0;
            }
        }
        for (int i = 0; i < 30_000; i++) {
            byte[] b = samples.get(i % 3).clone();
            for (int f = 0; f < 1 + random.nextInt(3); f++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            decoded += decodeOrCodecError(b) ? 1 : 0;
        }
        assertTrue(decoded > 0);
    }

    private static boolean decodeOrCodecError(byte[] bytes) {
        try {
            for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(bytes))) {
                RtnetlinkCodec.decode(m);
            }
            return true;
        } catch (NetlinkFormatException expected) {
            return false;
        } catch (RuntimeException e) {
            fail("decoding " + HexFormat.of().formatHex(bytes) + " threw " + e, e);
            return false;
        }
    }
}
