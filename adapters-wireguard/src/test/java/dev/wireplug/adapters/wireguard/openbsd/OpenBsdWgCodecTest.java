package dev.wireplug.adapters.wireguard.openbsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.hex;
import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.keyBytes;
import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.privateKey;
import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.publicKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.wireguard.bsd.BsdFixtures;
import dev.wireplug.adapters.wireguard.bsd.LittleEndianImage;
import dev.wireplug.adapters.wireguard.bsd.WgCodecException;
import dev.wireplug.adapters.wireguard.jna.openbsd.IfWg;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The OpenBSD SIOCGWG/SIOCSWG buffer, byte for byte. Offsets used below, from sys/net/if_wg.h rev.
 * 1.5 with amd64 alignment (derivation in {@code IfWgLayoutTest}):
 *
 * <pre>
 * wg_interface_io (80): i_flags@0 u8, i_port@2 u16, i_rtable@4 i32, i_public@8 [32],
 *                       i_private@40 [32], i_peers_count@72 u64
 * wg_peer_io (208):     p_flags@0 i32, p_protocol_version@4 i32, p_public@8 [32], p_psk@40 [32],
 *                       p_pka@72 u16, p_endpoint@76 [28], p_txbytes@104 u64, p_rxbytes@112 u64,
 *                       p_last_handshake@120 {tv_sec i64, tv_nsec@128 i64}, p_description@136 [64],
 *                       p_aips_count@200 u64
 * wg_aip_io (24):       a_af@0 u8, a_cidr@4 i32, a_addr@8 [16]
 * </pre>
 *
 * Peers are packed as wg_ioctl_get/wg_ioctl_set walk them in sys/net/if_wg.c: each wg_peer_io
 * followed by its allowed IPs, the next peer right after. AF_INET6 is 24 on OpenBSD.
 */
class OpenBsdWgCodecTest {

    @Test
    void codecOffsetsAreTheOnesJnaComputesForTheHeaderStructs() {
        IfWg.WgInterfaceIo iface = new IfWg.WgInterfaceIo();
        assertEquals(iface.size(), OpenBsdWgCodec.INTERFACE_IO_SIZE);
        assertEquals(iface.offsetOf("i_flags"), OpenBsdWgCodec.I_FLAGS);
        assertEquals(iface.offsetOf("i_port"), OpenBsdWgCodec.I_PORT);
        assertEquals(iface.offsetOf("i_rtable"), OpenBsdWgCodec.I_RTABLE);
        assertEquals(iface.offsetOf("i_public"), OpenBsdWgCodec.I_PUBLIC);
        assertEquals(iface.offsetOf("i_private"), OpenBsdWgCodec.I_PRIVATE);
        assertEquals(iface.offsetOf("i_peers_count"), OpenBsdWgCodec.I_PEERS_COUNT);
        IfWg.WgPeerIo peer = new IfWg.WgPeerIo();
        assertEquals(peer.size(), OpenBsdWgCodec.PEER_IO_SIZE);
        assertEquals(peer.offsetOf("p_flags"), OpenBsdWgCodec.P_FLAGS);
        assertEquals(peer.offsetOf("p_protocol_version"), OpenBsdWgCodec.P_PROTOCOL_VERSION);
        assertEquals(peer.offsetOf("p_public"), OpenBsdWgCodec.P_PUBLIC);
        assertEquals(peer.offsetOf("p_psk"), OpenBsdWgCodec.P_PSK);
        assertEquals(peer.offsetOf("p_pka"), OpenBsdWgCodec.P_PKA);
        assertEquals(peer.offsetOf("p_endpoint"), OpenBsdWgCodec.P_ENDPOINT);
        assertEquals(new IfWg.WgPeerEndpoint().size(), OpenBsdWgCodec.P_ENDPOINT_SIZE);
        assertEquals(peer.offsetOf("p_txbytes"), OpenBsdWgCodec.P_TXBYTES);
        assertEquals(peer.offsetOf("p_rxbytes"), OpenBsdWgCodec.P_RXBYTES);
        assertEquals(peer.offsetOf("p_last_handshake"), OpenBsdWgCodec.P_LAST_HANDSHAKE);
        assertEquals(peer.offsetOf("p_description"), OpenBsdWgCodec.P_DESCRIPTION);
        assertEquals(peer.offsetOf("p_aips_count"), OpenBsdWgCodec.P_AIPS_COUNT);
        IfWg.WgAipIo aip = new IfWg.WgAipIo();
        assertEquals(aip.size(), OpenBsdWgCodec.AIP_IO_SIZE);
        assertEquals(aip.offsetOf("a_af"), OpenBsdWgCodec.A_AF);
        assertEquals(aip.offsetOf("a_cidr"), OpenBsdWgCodec.A_CIDR);
        assertEquals(aip.offsetOf("a_addr"), OpenBsdWgCodec.A_ADDR);
        assertEquals(IfWg.WG_PEER_UPDATE, OpenBsdWgCodec.WG_PEER_UPDATE);
        assertEquals(IfWg.WG_INTERFACE_REPLACE_PEERS, OpenBsdWgCodec.WG_INTERFACE_REPLACE_PEERS);
    }

    @Test
    void encodePutsEveryFieldAtItsHeaderOffset() throws Exception {
        PeerChange added = new PeerChange(publicKey(0x10), false, false,
                Optional.of(Endpoint.parse("192.0.2.1:51820")), Optional.of(Duration.ofSeconds(25)),
                Optional.of(List.of(IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("2001:db8::/32"))));
        PeerChange removed = PeerChange.removal(publicKey(0x40));
        DeviceChange change = new DeviceChange(Optional.of(privateKey(0x70)), OptionalInt.of(51820),
                OptionalInt.of(3), true, List.of(added, removed));

        // interface 80 + peer 208 + 2 aips 48 + peer 208 = 544
        byte[] expected = new LittleEndianImage(544)
                .u8(0, 0x02 | 0x04 | 0x08 | 0x10) // HAS_PRIVATE | HAS_PORT | HAS_RTABLE | REPLACE_PEERS
                .u16(2, 51820)
                .u32(4, 3)
                .raw(40, keyBytes(0x70))
                .u64(72, 2)
                // peer 0 at 80
                .u32(80, 0x01 | 0x04 | 0x08 | 0x10) // HAS_PUBLIC | HAS_PKA | HAS_ENDPOINT | REPLACE_AIPS
                .raw(80 + 8, keyBytes(0x10))
                .u16(80 + 72, 25)
                .raw(80 + 76, hex("10 02 ca6c c0000201 0000000000000000")) // sockaddr_in, port 51820 big-endian
                .u64(80 + 200, 2)
                .u8(288, 2).u32(288 + 4, 24).raw(288 + 8, hex("0a000000"))
                .u8(312, 24).u32(312 + 4, 32).raw(312 + 8, hex("20010db8000000000000000000000000"))
                // peer 1 at 336
                .u32(336, 0x01 | 0x20) // HAS_PUBLIC | REMOVE
                .raw(336 + 8, keyBytes(0x40))
                .u64(336 + 200, 0)
                .bytes();

        assertEquals(hex(expected), hex(OpenBsdWgCodec.encode(change)));
        assertEquals(544, OpenBsdWgCodec.encodedSize(change));
    }

    @Test
    void encodeMarksEndpointOnlyPeersWithUpdateSoTheKernelNeverCreatesThem() throws Exception {
        Endpoint v6 = Endpoint.parse("[2001:db8::1]:4500");
        byte[] out = OpenBsdWgCodec.encode(DeviceChange.peersOnly(List.of(PeerChange.endpointOnly(publicKey(1), v6))));
        byte[] expected = new LittleEndianImage(80 + 208)
                .u64(72, 1)
                .u32(80, 0x01 | 0x08 | 0x40) // HAS_PUBLIC | HAS_ENDPOINT | UPDATE, no REPLACE_AIPS
                .raw(80 + 8, keyBytes(1))
                // sockaddr_in6: len 28, AF_INET6 24, port 4500 = 0x1194, flowinfo 0, address, scope 0
                .raw(80 + 76, hex("1c 18 1194 00000000 20010db8000000000000000000000001 00000000"))
                .bytes();
        assertArrayEquals(expected, out);
    }

    @Test
    void decodeReadsWhatTheKernelWrites() throws Exception {
        // As wg_ioctl_get fills it for root: keys, port, one peer with PSK, keepalive, v6 endpoint.
        byte[] image = new LittleEndianImage(80 + 208 + 24 + 24 + 8)
                .u8(0, 0x01 | 0x02 | 0x04) // HAS_PUBLIC | HAS_PRIVATE | HAS_PORT
                .u16(2, 51821)
                .raw(8, keyBytes(0x20))
                .raw(40, keyBytes(0x60))
                .u64(72, 1)
                .u32(80, 0x01 | 0x02 | 0x04 | 0x08)
                .u32(80 + 4, 1)
                .raw(80 + 8, keyBytes(0x30))
                .raw(80 + 40, keyBytes(0x90))
                .u16(80 + 72, 15)
                .raw(80 + 76, hex("1c 18 ca6c 00000000 20010db8000000000000000000000002 00000000"))
                .u64(80 + 104, 1234)
                .u64(80 + 112, 5678)
                .u64(80 + 120, 1_700_000_000L)
                .u64(80 + 128, 5)
                .raw(80 + 136, "office".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u64(80 + 200, 2)
                .u8(288, 2).u32(292, 32).raw(296, hex("c0a80101"))
                .u8(312, 24).u32(316, 64).raw(320, hex("fd000000000000010000000000000000"))
                .bytes(); // 8 spare bytes at the end, beyond the size the kernel reported

        DeviceState state = OpenBsdWgCodec.decode(image, 80 + 208 + 48);

        assertEquals(Optional.of(publicKey(0x20)), state.publicKey());
        assertEquals(51821, state.listenPort());
        assertEquals(0, state.fwmark());
        PeerState peer = state.peers().get(0);
        assertEquals(new PeerState(publicKey(0x30), Optional.of(Endpoint.parse("[2001:db8::2]:51820")),
                List.of(IpPrefix.parse("192.168.1.1/32"), IpPrefix.parse("fd00:0:0:1::/64")),
                Optional.of(Duration.ofSeconds(15)), Optional.of(Instant.ofEpochSecond(1_700_000_000L, 5)),
                5678, 1234), peer);
        assertEquals(1, state.peers().size());
    }

    @Test
    void decodeTreatsAbsentFlagsAndZeroValuesAsUnset() throws Exception {
        // A non-root reader gets only the port; a peer without handshake or keepalive reads as empty.
        byte[] image = new LittleEndianImage(80 + 208)
                .u8(0, 0x04 | 0x08)
                .u16(2, 1000)
                .u32(4, 7)
                .raw(8, keyBytes(5)) // ignored: HAS_PUBLIC is not set
                .u64(72, 1)
                .u32(80, 0x01 | 0x04) // HAS_PKA with pka 0 means "off"
                .raw(88, keyBytes(9))
                .bytes();
        DeviceState state = OpenBsdWgCodec.decode(image, image.length);
        assertEquals(new DeviceState(Optional.empty(), 1000, 7, List.of(new PeerState(publicKey(9), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), 0, 0))), state);
    }

    @Test
    void aThousandPeersRoundTrip() throws Exception {
        DeviceChange change = BsdFixtures.bulkChange(1000);
        long start = System.nanoTime();
        byte[] encoded = OpenBsdWgCodec.encode(change);
        long encodedAt = System.nanoTime();
        DeviceState state = OpenBsdWgCodec.decode(encoded, encoded.length);
        long decodedAt = System.nanoTime();

        assertEquals(80 + 1000 * (208 + 2 * 24), encoded.length);
        assertEquals(BsdFixtures.expectedDevice(change, Optional.empty()), state);
        System.out.printf("openbsd codec, 1000 peers: %d bytes, encode %.1f ms, decode %.1f ms%n", encoded.length,
                (encodedAt - start) / 1e6, (decodedAt - encodedAt) / 1e6);
    }

    @Test
    void encodeRefusesAKeepaliveTheKernelCannotHold() {
        PeerChange peer = new PeerChange(publicKey(1), false, false, Optional.empty(),
                Optional.of(Duration.ofSeconds(70_000)), Optional.empty());
        WgCodecException e = assertThrows(WgCodecException.class,
                () -> OpenBsdWgCodec.encode(DeviceChange.peersOnly(List.of(peer))));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void decodeRejectsCountsThatRunPastTheBuffer() {
        byte[] image = new LittleEndianImage(80 + 208).u64(72, 2).u32(80, 1).bytes();
        assertThrows(WgCodecException.class, () -> OpenBsdWgCodec.decode(image, image.length));
        byte[] aips = new LittleEndianImage(80 + 208).u64(72, 1).u32(80, 1).u64(280, 1).bytes();
        assertThrows(WgCodecException.class, () -> OpenBsdWgCodec.decode(aips, aips.length));
        byte[] huge = new LittleEndianImage(80).u64(72, -1).bytes();
        assertThrows(WgCodecException.class, () -> OpenBsdWgCodec.decode(huge, huge.length));
        assertThrows(WgCodecException.class, () -> OpenBsdWgCodec.decode(new byte[79], 79));
        assertThrows(WgCodecException.class, () -> OpenBsdWgCodec.decode(new byte[80], 81));
    }

    @Test
    void decodeRejectsUnknownAddressFamilies() {
        byte[] image = new LittleEndianImage(80 + 208 + 24).u64(72, 1).u32(80, 1).u64(280, 1)
                .u8(288, 28).u32(292, 64).bytes(); // 28 is FreeBSD's AF_INET6, not OpenBSD's
        WgCodecException e = assertThrows(WgCodecException.class, () -> OpenBsdWgCodec.decode(image, image.length));
        assertTrue(e.getMessage().contains("28"), e.getMessage());
    }

    @Test
    void randomAndTruncatedInputOnlyRaisesTheCodecException() throws Exception {
        Random random = new Random(4242);
        byte[] valid = OpenBsdWgCodec.encode(BsdFixtures.bulkChange(3));
        int parsed = 0;
        for (int n = 0; n <= valid.length; n++) {
            parsed += tryDecode(Arrays.copyOf(valid, n));
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            parsed += tryDecode(mutated);
            byte[] noise = new byte[random.nextInt(700)];
            random.nextBytes(noise);
            parsed += tryDecode(noise);
        }
        System.out.println("openbsd codec fuzz: " + parsed + " inputs parsed, the rest rejected");
        assertTrue(parsed > 0, "the untouched buffer at least must parse");
    }

    private static int tryDecode(byte[] input) {
        try {
            OpenBsdWgCodec.decode(input, input.length);
            return 1;
        } catch (WgCodecException expected) {
            return 0;
        }
    }
}
