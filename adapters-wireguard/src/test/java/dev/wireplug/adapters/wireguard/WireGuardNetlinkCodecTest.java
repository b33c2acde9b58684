package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden messages built by hand from the kernel headers, for a little-endian host (netlink is in
 * host order; amd64 and arm64 are little-endian):
 * <ul>
 * <li>include/uapi/linux/netlink.h: struct nlmsghdr {u32 len; u16 type; u16 flags; u32 seq; u32 pid}
 *     (16 bytes); struct nlattr {u16 len; u16 type} (4), payload padded to NLA_ALIGNTO = 4, len
 *     without padding; NLA_F_NESTED = 0x8000; NLM_F_REQUEST 0x1, NLM_F_MULTI 0x2, NLM_F_ACK 0x4,
 *     NLM_F_DUMP 0x300; NLMSG_ERROR 2, NLMSG_DONE 3; struct nlmsgerr {int error; nlmsghdr msg}.</li>
 * <li>include/uapi/linux/genetlink.h: struct genlmsghdr {u8 cmd; u8 version; u16 reserved};
 *     GENL_ID_CTRL 0x10; CTRL_CMD_NEWFAMILY 1, CTRL_CMD_GETFAMILY 3; CTRL_ATTR_FAMILY_ID 1 (u16),
 *     CTRL_ATTR_FAMILY_NAME 2 (string), CTRL_ATTR_VERSION 3, CTRL_ATTR_HDRSIZE 4, CTRL_ATTR_MAXATTR 5.</li>
 * <li>include/uapi/linux/wireguard.h: WG_GENL_VERSION 1; WG_CMD_GET_DEVICE 0, WG_CMD_SET_DEVICE 1;
 *     WGDEVICE_F_REPLACE_PEERS 1; WGDEVICE_A_IFINDEX 1 (u32), IFNAME 2 (string), PRIVATE_KEY 3,
 *     PUBLIC_KEY 4 (32 bytes), FLAGS 5 (u32), LISTEN_PORT 6 (u16), FWMARK 7 (u32), PEERS 8 (nested
 *     array of nested peers); WGPEER_F_REMOVE_ME 1, REPLACE_ALLOWEDIPS 2, UPDATE_ONLY 4;
 *     WGPEER_A_PUBLIC_KEY 1, PRESHARED_KEY 2, FLAGS 3 (u32), ENDPOINT 4 (struct sockaddr_in or
 *     sockaddr_in6), PERSISTENT_KEEPALIVE_INTERVAL 5 (u16), LAST_HANDSHAKE_TIME 6 (struct
 *     __kernel_timespec, two s64), RX_BYTES 7 (u64), TX_BYTES 8 (u64), ALLOWEDIPS 9 (nested array),
 *     PROTOCOL_VERSION 10 (u32); WGALLOWEDIP_A_FAMILY 1 (u16), IPADDR 2 (in_addr / in6_addr),
 *     CIDR_MASK 3 (u8).</li>
 * <li>include/uapi/linux/in.h, in6.h: sockaddr_in {u16 family=AF_INET 2 (host order); be16 port;
 *     be32 addr; 8 zero bytes} (16); sockaddr_in6 {u16 family=AF_INET6 10; be16 port; be32 flowinfo;
 *     16-byte addr; u32 scope_id} (28).</li>
 * </ul>
 * Array elements inside PEERS and ALLOWEDIPS are nests of type 0, as wg(8) and the kernel write them.
 */
class WireGuardNetlinkCodecTest {
    private static final int FAMILY = 0x1b;

    @BeforeAll
    static void littleEndianHost() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(),
                "these golden messages are written for a little-endian host");
    }

    private static PublicKey key(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return PublicKey.of(b);
    }

    @Test
    void familyRequestAsksTheControllerForWireguard() {
        byte[] expected = Hex.bytes("""
                24000000 1000 0500 01000000 00000000  # nlmsghdr: 36 bytes, GENL_ID_CTRL, REQUEST|ACK, seq 1
                03 01 0000                            # CTRL_CMD_GETFAMILY, version 1
                0e00 0200 776972656775617264 00 0000  # CTRL_ATTR_FAMILY_NAME "wireguard\\0" + 2 pad
                """);
        assertArrayEquals(expected, WireGuardNetlinkCodec.getFamilyRequest(1));
    }

    static final String FAMILY_ANSWER = """
            44000000 1000 0000 01000000 34120000  # 68 bytes, from the controller, seq 1, our port id
            01 02 0000                            # CTRL_CMD_NEWFAMILY, version 2
            0e00 0200 776972656775617264 00 0000  # CTRL_ATTR_FAMILY_NAME "wireguard"
            0600 0100 1b00 0000                   # CTRL_ATTR_FAMILY_ID 0x1b
            0800 0300 01000000                    # CTRL_ATTR_VERSION 1
            0800 0400 00000000                    # CTRL_ATTR_HDRSIZE 0
            0800 0500 08000000                    # CTRL_ATTR_MAXATTR 8 (WGDEVICE_A_PEERS)
            24000000 0200 0001 01000000 34120000  # NLMSG_ERROR, NLM_F_CAPPED (0x100): the ACK
            00000000                              # error 0
            24000000 1000 0500 01000000 00000000  # the request's header
            """;

    @Test
    void decodesTheFamilyIdFromTheControllersAnswerAndItsAck() throws Exception {
        List<Netlink.Message> messages = Netlink.messages(ByteBuffer.wrap(Hex.bytes(FAMILY_ANSWER)));
        assertEquals(2, messages.size());
        assertEquals(0x1b, WireGuardNetlinkCodec.decodeFamilyId(messages.get(0)));
        assertTrue(messages.get(1).isError());
        assertEquals(0, Netlink.errorCode(messages.get(1)));
    }

    @Test
    void aMissingFamilyIsENOENT() throws Exception {
        byte[] answer = Hex.bytes("""
                24000000 0200 0001 01000000 34120000  # NLMSG_ERROR
                feffffff                              # error -2 (ENOENT: no such family)
                24000000 1000 0500 01000000 00000000
                """);
        Netlink.Message m = Netlink.messages(ByteBuffer.wrap(answer)).get(0);
        NetlinkFormatException e = assertThrows(NetlinkFormatException.class,
                () -> WireGuardNetlinkCodec.decodeFamilyId(m));
        assertEquals(2, e.errno());
    }

    @Test
    void getDeviceIsADumpRequestByName() {
        byte[] expected = Hex.bytes("""
                1c000000 1b00 0503 02000000 00000000  # 28 bytes, family 0x1b, REQUEST|ACK|DUMP, seq 2
                00 01 0000                            # WG_CMD_GET_DEVICE, version 1
                0800 0200 77673000                    # WGDEVICE_A_IFNAME "wg0\\0"
                """);
        assertArrayEquals(expected, WireGuardNetlinkCodec.getDeviceRequest(FAMILY, 2, "wg0"));
    }

    static final String SET_DEVICE = """
            70010000 1b00 0500 05000000 00000000  # 368 bytes, family 0x1b, REQUEST|ACK, seq 5
            01 01 0000                            # WG_CMD_SET_DEVICE, version 1
            0800 0200 77673000                    # WGDEVICE_A_IFNAME "wg0"
            2400 0300 %s                          # WGDEVICE_A_PRIVATE_KEY (32 x 0x11)
            0600 0600 6cca 0000                   # WGDEVICE_A_LISTEN_PORT 51820 (host order) + pad
            0800 0700 34120000                    # WGDEVICE_A_FWMARK 0x1234
            0800 0500 01000000                    # WGDEVICE_A_FLAGS REPLACE_PEERS
            1801 0880                             # WGDEVICE_A_PEERS | NLA_F_NESTED, 280 bytes
              9400 0080                           #   peer 0, 148 bytes
                2400 0100 %s                      #     WGPEER_A_PUBLIC_KEY (32 x 0xa1)
                0800 0300 02000000                #     WGPEER_A_FLAGS REPLACE_ALLOWEDIPS
                1400 0400 0200 ca6c c0000201 0000000000000000  # ENDPOINT sockaddr_in 192.0.2.1:51820
                0600 0500 1900 0000               #     PERSISTENT_KEEPALIVE_INTERVAL 25
                4800 0980                         #     WGPEER_A_ALLOWEDIPS | NESTED, 72 bytes
                  1c00 0080                       #       allowed IP 0, 28 bytes
                    0600 0100 0200 0000           #         FAMILY AF_INET
                    0800 0200 0a000002            #         IPADDR 10.0.0.2
                    0500 0300 20 000000           #         CIDR_MASK 32
                  2800 0080                       #       allowed IP 1, 40 bytes
                    0600 0100 0a00 0000           #         FAMILY AF_INET6
                    1400 0200 fd000000000000000000000000000000  # IPADDR fd00::
                    0500 0300 40 000000           #         CIDR_MASK 64
              3000 0080                           #   peer 1, 48 bytes
                2400 0100 %s                      #     PUBLIC_KEY (32 x 0xb2)
                0800 0300 01000000                #     FLAGS REMOVE_ME
              5000 0080                           #   peer 2, 80 bytes
                2400 0100 %s                      #     PUBLIC_KEY (32 x 0xc3)
                0800 0300 04000000                #     FLAGS UPDATE_ONLY
                2000 0400 0a00 1194 00000000 20010db8000000000000000000000001 00000000
                                                  #     ENDPOINT sockaddr_in6 [2001:db8::1]:4500
            """.formatted("11".repeat(32), "a1".repeat(32), "b2".repeat(32), "c3".repeat(32));

    static DeviceChange fullChange() {
        byte[] priv = new byte[32];
        Arrays.fill(priv, (byte) 0x11);
        return new DeviceChange(Optional.of(PrivateKey.of(priv)), OptionalInt.of(51820), OptionalInt.of(0x1234), true,
                List.of(new PeerChange(key(0xa1), false, false, Optional.of(Endpoint.parse("192.0.2.1:51820")),
                                Optional.of(Duration.ofSeconds(25)),
                                Optional.of(List.of(IpPrefix.parse("10.0.0.2/32"), IpPrefix.parse("fd00::/64")))),
                        PeerChange.removal(key(0xb2)),
                        PeerChange.endpointOnly(key(0xc3), Endpoint.parse("[2001:db8::1]:4500"))));
    }

    @Test
    void setDeviceCarriesEveryAttributeThePortUses() {
        List<byte[]> messages = WireGuardNetlinkCodec.setDeviceRequests(FAMILY, 5, "wg0", fullChange(), 4096);
        assertEquals(1, messages.size());
        assertArrayEquals(Hex.bytes(SET_DEVICE), messages.get(0));
    }

    @Test
    void aChangeWithoutPeersIsOneMessageWithoutPeersAttribute() {
        List<byte[]> messages = WireGuardNetlinkCodec.setDeviceRequests(FAMILY, 9, "wg0",
                new DeviceChange(Optional.empty(), OptionalInt.of(1), OptionalInt.empty(), false, List.of()), 4096);
        assertArrayEquals(Hex.bytes("""
                24000000 1b00 0500 09000000 00000000
                01 01 0000
                0800 0200 77673000
                0600 0600 0100 0000                   # LISTEN_PORT 1
                """), messages.get(0));
    }

    // ---- 1000 peers: split across messages like wg(8) ----

    /** Reference bytes of one peer nest as the kernel expects it (same layout as SET_DEVICE's peer 0). */
    private static String peerHex(PublicKey key, int n) {
        String keyHex = HexFormat.of().formatHex(key.bytes());
        String port = String.format("%04x", 10000 + n);
        String ip = String.format("0a%02x%02x02", (n >> 8) & 0xff, n & 0xff);
        return "6c00 0080" // 108 bytes
                + "2400 0100" + keyHex
                + "0800 0300 02000000"
                + "1400 0400 0200" + port + "c6120001 0000000000000000" // 198.18.0.1:(10000+n)
                + "0600 0500 1900 0000"
                + "2000 0980" // ALLOWEDIPS, 32 bytes
                + "1c00 0080 0600 0100 0200 0000 0800 0200" + ip + "0500 0300 20 000000";
    }

    private static List<PeerChange> manyPeers(int count) {
        List<PeerChange> peers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            byte[] k = new byte[32];
            ByteBuffer.wrap(k).putInt(n).putInt(0x5eed);
            peers.add(new PeerChange(PublicKey.of(k), false, false,
                    Optional.of(Endpoint.parse("198.18.0.1:" + (10000 + n))), Optional.of(Duration.ofSeconds(25)),
                    Optional.of(List.of(IpPrefix.parse("10." + ((n >> 8) & 0xff) + "." + (n & 0xff) + ".2/32")))));
        }
        return peers;
    }

    @Test
    void aThousandPeersAreSplitAcrossMessagesWithDeviceAttributesOnlyInTheFirst() throws Exception {
        byte[] priv = new byte[32];
        Arrays.fill(priv, (byte) 0x11);
        List<PeerChange> peers = manyPeers(1000);
        DeviceChange change = new DeviceChange(Optional.of(PrivateKey.of(priv)), OptionalInt.of(51820),
                OptionalInt.empty(), true, peers);

        List<byte[]> messages = WireGuardNetlinkCodec.setDeviceRequests(FAMILY, 100, "wg0", change, 4096);

        // Per message: 16 + 4 + 8 (ifname) + 4 (peers nest) leaves room for 37 peers of 108 bytes;
        // the first also carries 36 + 8 + 8 bytes of device attributes, so 37 then 37 each.
        System.out.println("netlink-split peers=1000 messages=" + messages.size());
        assertTrue(messages.size() >= 27 && messages.size() <= 28, "messages: " + messages.size());
        int peerNumber = 0;
        for (int i = 0; i < messages.size(); i++) {
            byte[] m = messages.get(i);
            assertTrue(m.length <= 4096, "message " + i + " is " + m.length + " bytes");
            ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(m.length, b.getInt(0));
            assertEquals(100 + i, b.getInt(8), "sequence numbers follow each other");
            String prefix = i == 0
                    ? "1b00 0500 %08x 00000000 0101 0000 0800 0200 77673000 2400 0300 %s 0600 0600 6cca 0000 0800 0500 01000000"
                            .formatted(Integer.reverseBytes(100), "11".repeat(32))
                    : "1b00 0500 %08x 00000000 0101 0000 0800 0200 77673000".formatted(Integer.reverseBytes(100 + i));
            byte[] head = Hex.bytes(prefix);
            assertArrayEquals(head, Arrays.copyOfRange(m, 4, 4 + head.length), "header of message " + i);
            int peersAt = 4 + head.length;
            assertEquals(m.length - peersAt, Short.toUnsignedInt(b.getShort(peersAt)), "PEERS spans the rest");
            assertEquals(0x8008, Short.toUnsignedInt(b.getShort(peersAt + 2)));
            int at = peersAt + 4;
            while (at < m.length) {
                byte[] expected = Hex.bytes(peerHex(peers.get(peerNumber).publicKey(), peerNumber));
                assertArrayEquals(expected, Arrays.copyOfRange(m, at, at + expected.length), "peer " + peerNumber);
                at += expected.length;
                peerNumber++;
            }
        }
        assertEquals(1000, peerNumber);
    }

    @Test
    void aPeerWhoseAllowedIpsDoNotFitContinuesInTheNextMessageWithoutReplacingAgain() throws Exception {
        List<IpPrefix> ips = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ips.add(IpPrefix.parse("10.9." + i / 256 + "." + i % 256 + "/32"));
        }
        DeviceChange change = DeviceChange.peersOnly(List.of(
                new PeerChange(key(0x42), false, true, Optional.empty(), Optional.of(Duration.ofSeconds(5)),
                        Optional.of(ips))));

        List<byte[]> messages = WireGuardNetlinkCodec.setDeviceRequests(FAMILY, 1, "wg0", change, 4096);

        assertTrue(messages.size() >= 3, "300 allowed IPs of 28 bytes need three 4 KiB messages");
        List<IpPrefix> seen = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            List<Netlink.Attribute> peer = onlyPeer(messages.get(i));
            Map<Integer, Netlink.Attribute> byType = new HashMap<>();
            peer.forEach(a -> byType.put(a.type(), a));
            assertArrayEquals(key(0x42).bytes(), byType.get(1).bytes());
            int flags = byType.get(3).u32();
            assertEquals(i == 0 ? 2 | 4 : 4, flags, "REPLACE_ALLOWEDIPS only first, UPDATE_ONLY always");
            assertEquals(i == 0, byType.containsKey(5), "keepalive only with the first part");
            for (Netlink.Attribute ip : byType.get(9).nested()) {
                List<Netlink.Attribute> f = ip.nested();
                seen.add(new IpPrefix(java.net.InetAddress.getByAddress(f.get(1).bytes()), f.get(2).u8()));
            }
        }
        assertEquals(ips, seen);
    }

    private static List<Netlink.Attribute> onlyPeer(byte[] message) throws NetlinkFormatException {
        Netlink.Message m = Netlink.messages(ByteBuffer.wrap(message)).get(0);
        List<Netlink.Attribute> attrs = Netlink.attributes(m.payload().slice(4, m.payload().remaining() - 4));
        Netlink.Attribute peers = attrs.stream().filter(a -> a.type() == 8).findFirst().orElseThrow();
        List<Netlink.Attribute> list = peers.nested();
        assertEquals(1, list.size());
        return list.get(0).nested();
    }

    // ---- GET_DEVICE answers ----

    /** Test-side attribute builder, independent of NetlinkWriter: {u16 len, u16 type, payload, pad}. */
    private static byte[] attr(int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(Netlink.align(4 + payload.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
        return b.array();
    }

    private static byte[] nest(int type, byte[]... children) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : children) {
            out.writeBytes(c);
        }
        return attr(type | 0x8000, out.toByteArray());
    }

    private static byte[] le(int bytes, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return Arrays.copyOf(b.array(), bytes);
    }

    private static byte[] message(int type, int flags, int seq, byte[]... attrs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1, 0, 0}); // WG_CMD_GET_DEVICE, version 1
        for (byte[] a : attrs) {
            body.writeBytes(a);
        }
        ByteBuffer b = ByteBuffer.allocate(16 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16 + body.size()).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0x1234);
        b.put(body.toByteArray());
        return b.array();
    }

    private static byte[] allowedIp(int family, String addressHex, int mask) {
        return nest(0, attr(1, le(2, family)), attr(2, HexFormat.of().parseHex(addressHex)), attr(3, le(1, mask)));
    }

    /** Two dump parts as the kernel's wg_get_device_dump writes them, peer B split, then NLMSG_DONE. */
    static byte[] twoPartDump() {
        byte[] timespec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1590459201L)
                .putLong(283546000L).array();
        byte[] first = message(FAMILY, 2 /* NLM_F_MULTI */, 3,
                attr(6, le(2, 51820)), attr(7, le(4, 0x1234)), attr(1, le(4, 5)), attr(2, "wg0\0".getBytes()),
                attr(3, new byte[32]), attr(4, key(0x77).bytes()),
                nest(8,
                        nest(0, attr(1, key(0xa1).bytes()), attr(2, new byte[32]), attr(6, timespec),
                                attr(5, le(2, 25)), attr(8, le(8, 824)), attr(7, le(8, 696)), attr(10, le(4, 1)),
                                attr(4, HexFormat.of().parseHex("0200ca6cc00002010000000000000000")),
                                nest(9, allowedIp(2, "0a000002", 32))),
                        nest(0, attr(1, key(0xb2).bytes()), attr(2, new byte[32]), attr(6, new byte[16]),
                                attr(5, le(2, 0)), attr(8, le(8, 0)), attr(7, le(8, 0)), attr(10, le(4, 1)),
                                attr(4, HexFormat.of().parseHex(
                                        "0a00119400000000fd00000000000000000000000000000200000000")),
                                nest(9, allowedIp(2, "0a010000", 16)))));
        byte[] second = message(FAMILY, 2, 3, attr(1, le(4, 5)), attr(2, "wg0\0".getBytes()),
                nest(8, nest(0, attr(1, key(0xb2).bytes()), nest(9, allowedIp(10, "fd000000000000000000000000000000", 64)))));
        byte[] done = Hex.bytes("14000000 0300 0200 03000000 34120000 00000000"); // NLMSG_DONE, MULTI
        ByteBuffer all = ByteBuffer.allocate(first.length + second.length + done.length);
        return all.put(first).put(second).put(done).array();
    }

    @Test
    void mergesAPeerSplitAcrossDumpMessages() throws Exception {
        List<Netlink.Message> messages = Netlink.messages(ByteBuffer.wrap(twoPartDump()));
        assertEquals(3, messages.size());
        assertEquals(Netlink.NLMSG_DONE, messages.get(2).type());
        WireGuardNetlinkCodec.DumpMerger merger = new WireGuardNetlinkCodec.DumpMerger();
        merger.add(messages.get(0));
        merger.add(messages.get(1));
        DeviceState state = merger.state();

        assertEquals(Optional.of(key(0x77)), state.publicKey());
        assertEquals(51820, state.listenPort());
        assertEquals(0x1234, state.fwmark());
        assertEquals(2, state.peers().size());
        PeerState a = state.peers().get(0);
        assertEquals(key(0xa1), a.publicKey());
        assertEquals(Optional.of(Endpoint.parse("192.0.2.1:51820")), a.endpoint());
        assertEquals(Optional.of(Instant.ofEpochSecond(1590459201L, 283546000L)), a.lastHandshake());
        assertEquals(Optional.of(Duration.ofSeconds(25)), a.persistentKeepalive());
        assertEquals(696, a.rxBytes());
        assertEquals(824, a.txBytes());
        assertEquals(List.of(IpPrefix.parse("10.0.0.2/32")), a.allowedIps());
        PeerState b = state.peers().get(1);
        assertEquals(Optional.of(Endpoint.parse("[fd00::2]:4500")), b.endpoint());
        assertEquals(Optional.empty(), b.lastHandshake());
        assertEquals(Optional.empty(), b.persistentKeepalive());
        assertEquals(List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("fd00::/64")), b.allowedIps());
    }

    @Test
    void anEncodedChangeReadsBackThroughTheDumpDecoder() throws Exception {
        // The kernel echoes peers in the layout it accepts; feeding our SET peers (as a GET body) to
        // the decoder checks encoder and decoder agree on every field the port uses.
        DeviceChange change = fullChange();
        byte[] set = WireGuardNetlinkCodec.setDeviceRequests(FAMILY, 1, "wg0", change, 4096).get(0);
        set[16] = 0; // WG_CMD_SET_DEVICE -> WG_CMD_GET_DEVICE
        WireGuardNetlinkCodec.DumpMerger merger = new WireGuardNetlinkCodec.DumpMerger();
        merger.add(Netlink.messages(ByteBuffer.wrap(set)).get(0));
        DeviceState state = merger.state();
        assertEquals(51820, state.listenPort());
        assertEquals(change.peers().get(0).allowedIps().orElseThrow(), state.peers().get(0).allowedIps());
        assertEquals(change.peers().get(0).endpoint(), state.peers().get(0).endpoint());
        assertEquals(change.peers().get(2).endpoint(), state.peers().get(2).endpoint());
    }

    @Test
    void randomAndTruncatedInputOnlyRaisesTheCodecsException() {
        Random random = new Random(42);
        byte[] dump = twoPartDump();
        byte[] set = Hex.bytes(SET_DEVICE);
        int accepted = 0;
        for (int cut = 0; cut <= dump.length; cut++) {
            accepted += decodeOrCodecError(Arrays.copyOf(dump, cut)) ? 1 : 0;
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] base = (i % 2 == 0 ? dump : set).clone();
            base[16] = 0;
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                base[random.nextInt(base.length)] = (byte) random.nextInt(256);
            }
            accepted += decodeOrCodecError(base) ? 1 : 0;
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            decodeOrCodecError(noise);
        }
        assertTrue(accepted > 0, "some mutations should still decode");
        assertFalse(decodeOrCodecError(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}));
    }

    private static boolean decodeOrCodecError(byte[] bytes) {
        try {
            WireGuardNetlinkCodec.DumpMerger merger = new WireGuardNetlinkCodec.DumpMerger();
            for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(bytes))) {
                if (m.type() == FAMILY) {
                    merger.add(m);
                }
            }
            merger.state();
            return true;
        } catch (NetlinkFormatException expected) {
            return false;
        } catch (RuntimeException e) {
            fail("decoding " + HexFormat.of().formatHex(bytes) + " threw " + e, e);
            return false;
        }
    }
}
