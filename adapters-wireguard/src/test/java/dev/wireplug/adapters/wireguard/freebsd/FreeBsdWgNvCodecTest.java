package dev.wireplug.adapters.wireguard.freebsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.hex;
import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.keyBytes;
import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.privateKey;
import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.publicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.wireguard.bsd.BsdFixtures;
import dev.wireplug.adapters.wireguard.bsd.LittleEndianImage;
import dev.wireplug.adapters.wireguard.bsd.WgCodecException;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The if_wg nvlists, against the keys and order of wgc_set/wg_peer_add/wgc_get in FreeBSD's
 * sys/dev/wg/if_wg.c and kernel_set_device in wireguard-tools' src/ipc-freebsd.h.
 */
class FreeBsdWgNvCodecTest {

    @Test
    void encodeUsesTheKernelKeysInWireguardToolsOrder() throws Exception {
        PeerChange peer = new PeerChange(publicKey(0x10), false, false,
                Optional.of(Endpoint.parse("192.0.2.1:51820")), Optional.of(Duration.ofSeconds(25)),
                Optional.of(List.of(IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("2001:db8::/32"))));
        DeviceChange change = new DeviceChange(Optional.of(privateKey(0x70)), OptionalInt.of(51820),
                OptionalInt.of(0x1234), true, List.of(peer, PeerChange.removal(publicKey(0x40))));

        Nvlist expected = Nvlist.builder()
                .binary("private-key", keyBytes(0x70))
                .number("listen-port", 51820)
                .number("user-cookie", 0x1234)
                .bool("replace-peers", true)
                .nvlistArray("peers", List.of(
                        Nvlist.builder()
                                .binary("public-key", keyBytes(0x10))
                                .number("persistent-keepalive-interval", 25)
                                // sockaddr_in: sin_len 16, AF_INET 2, port 51820 big-endian, 192.0.2.1, zeros
                                .binary("endpoint", hex("1002ca6cc00002010000000000000000"))
                                .bool("replace-allowedips", true)
                                .nvlistArray("allowed-ips", List.of(
                                        Nvlist.builder().number("cidr", 24).binary("ipv4", hex("0a000000")).build(),
                                        Nvlist.builder().number("cidr", 32)
                                                .binary("ipv6", hex("20010db8000000000000000000000000")).build()))
                                .build(),
                        Nvlist.builder().binary("public-key", keyBytes(0x40)).bool("remove", true).build()))
                .build();
        assertEquals(expected, FreeBsdWgNvCodec.encode(change));
    }

    @Test
    void aPeerRemovalPacksToTheExactLibnvBytes() throws Exception {
        byte[] packed = NvlistCodec.pack(FreeBsdWgNvCodec.encode(
                DeviceChange.peersOnly(List.of(PeerChange.removal(publicKey(0x40))))));
        // 19 root + (19 + "peers\0") + element [19 + (19 + "public-key\0" + 32) + (19 + "remove\0" + 1) + NEXT 20] = 172
        String expected = "6c0000 0000000000000000 9900000000000000" // 172 - 19 = 153
                + "0b 0600 0000000000000000 0100000000000000 706565727300"
                + "6c0000 0000000000000000 6d00000000000000" // element header at 44: 172 - 63 = 109 bytes follow
                + "07 0b00 2000000000000000 0000000000000000 7075626c69632d6b657900" + hex(keyBytes(0x40))
                + "02 0700 0100000000000000 0000000000000000 72656d6f766500 01"
                + "fe 0100 0000000000000000 0000000000000000 00";
        byte[] vector = hex(expected);
        assertEquals(172, vector.length);
        assertEquals(hex(vector), hex(packed));
    }

    @Test
    void decodeReadsWhatWgcGetBuilds() throws Exception {
        // keys in wgc_get's order; last-handshake-time is struct wg_timespec64 { uint64_t tv_sec, tv_nsec; }
        Nvlist device = Nvlist.builder()
                .number("listen-port", 51821)
                .number("user-cookie", 0xfffffffeL)
                .binary("public-key", keyBytes(0x20))
                .binary("private-key", keyBytes(0x60))
                .nvlistArray("peers", List.of(Nvlist.builder()
                        .binary("public-key", keyBytes(0x30))
                        .binary("preshared-key", new byte[32])
                        // sockaddr_in6: len 28, AF_INET6 28 (FreeBSD), port 51820, flowinfo, 2001:db8::2, scope 0
                        .binary("endpoint", hex("1c1cca6c00000000 20010db8000000000000000000000002 00000000"))
                        .binary("last-handshake-time",
                                new LittleEndianImage(16).u64(0, 1_700_000_000L).u64(8, 5).bytes())
                        .number("persistent-keepalive-interval", 15)
                        .number("rx-bytes", 5678)
                        .number("tx-bytes", 1234)
                        .nvlistArray("allowed-ips", List.of(
                                Nvlist.builder().binary("ipv4", hex("c0a80101")).number("cidr", 32).build(),
                                Nvlist.builder().binary("ipv6", hex("fd000000000000010000000000000000"))
                                        .number("cidr", 64).build()))
                        .build()))
                .build();

        DeviceState state = FreeBsdWgNvCodec.decode(NvlistCodec.unpack(NvlistCodec.pack(device)));

        assertEquals(Optional.of(publicKey(0x20)), state.publicKey());
        assertEquals(51821, state.listenPort());
        assertEquals(0xfffffffe, state.fwmark());
        assertEquals(List.of(new PeerState(publicKey(0x30), Optional.of(Endpoint.parse("[2001:db8::2]:51820")),
                List.of(IpPrefix.parse("192.168.1.1/32"), IpPrefix.parse("fd00:0:0:1::/64")),
                Optional.of(Duration.ofSeconds(15)), Optional.of(Instant.ofEpochSecond(1_700_000_000L, 5)),
                5678, 1234)), state.peers());
    }

    @Test
    void aFreshPeerReadsWithoutHandshakeKeepaliveOrEndpoint() throws Exception {
        Nvlist device = Nvlist.builder().nvlistArray("peers", List.of(Nvlist.builder()
                .binary("public-key", keyBytes(9))
                .binary("last-handshake-time", new byte[16])
                .number("persistent-keepalive-interval", 0)
                .number("rx-bytes", 0)
                .number("tx-bytes", 0)
                .build())).build();
        assertEquals(new DeviceState(Optional.empty(), 0, 0, List.of(new PeerState(publicKey(9), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), 0, 0))), FreeBsdWgNvCodec.decode(device));
    }

    @Test
    void aThousandPeersRoundTripThroughThePackedForm() throws Exception {
        DeviceChange change = BsdFixtures.bulkChange(1000);
        long start = System.nanoTime();
        byte[] packed = NvlistCodec.pack(FreeBsdWgNvCodec.encode(change));
        long packedAt = System.nanoTime();
        DeviceState state = FreeBsdWgNvCodec.decode(NvlistCodec.unpack(packed));
        long decodedAt = System.nanoTime();

        assertEquals(BsdFixtures.expectedDevice(change, Optional.empty()), state);
        System.out.printf("freebsd nvlist codec, 1000 peers: %d bytes, encode+pack %.1f ms, unpack+decode %.1f ms%n",
                packed.length, (packedAt - start) / 1e6, (decodedAt - packedAt) / 1e6);
    }

    @Test
    void updateOnlyPeersCannotBeEncoded() {
        WgCodecException e = assertThrows(WgCodecException.class, () -> FreeBsdWgNvCodec.encode(
                DeviceChange.peersOnly(List.of(PeerChange.endpointOnly(publicKey(1), Endpoint.parse("192.0.2.1:1"))))));
        assertTrue(e.getMessage().contains("update-only"), e.getMessage());
    }

    @Test
    void decodeRejectsValuesOutOfTheirRange() {
        List<Nvlist> bad = List.of(
                Nvlist.builder().number("listen-port", 70000).build(),
                Nvlist.builder().number("user-cookie", 1L << 32).build(),
                Nvlist.builder().binary("public-key", new byte[31]).build(),
                Nvlist.builder().nvlistArray("peers", List.of(Nvlist.builder().number("rx-bytes", 1).build())).build(),
                Nvlist.builder().nvlistArray("peers", List.of(Nvlist.builder().binary("public-key", keyBytes(1))
                        .binary("last-handshake-time", new byte[12]).build())).build(),
                Nvlist.builder().nvlistArray("peers", List.of(Nvlist.builder().binary("public-key", keyBytes(1))
                        .nvlistArray("allowed-ips", List.of(Nvlist.builder().number("cidr", 33)
                                .binary("ipv4", new byte[4]).build())).build())).build(),
                Nvlist.builder().nvlistArray("peers", List.of(Nvlist.builder().binary("public-key", keyBytes(1))
                        .binary("endpoint", hex("1018000000000000")).build())).build());
        for (Nvlist device : bad) {
            assertThrows(WgCodecException.class, () -> FreeBsdWgNvCodec.decode(device), device.toString());
        }
    }
}
