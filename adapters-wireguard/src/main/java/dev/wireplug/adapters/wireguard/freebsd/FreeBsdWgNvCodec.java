package dev.wireplug.adapters.wireguard.freebsd;

import dev.wireplug.adapters.wireguard.bsd.BsdSockaddr;
import dev.wireplug.adapters.wireguard.bsd.WgCodecException;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nvlists FreeBSD's if_wg exchanges over SIOCSWG/SIOCGWG (wgc_set, wg_peer_add and wgc_get in
 * sys/dev/wg/if_wg.c; the same keys wireguard-tools' src/ipc-freebsd.h uses):
 *
 * <pre>
 * device: "public-key" binary[32] (get), "private-key" binary[32], "listen-port" number,
 *         "user-cookie" number (the fwmark, at most UINT32_MAX), "replace-peers" bool (set),
 *         "peers" nvlist array
 * peer:   "public-key" binary[32], "preshared-key" binary[32], "endpoint" binary (a sockaddr_in or
 *         sockaddr_in6 with sin_len, AF_INET6 = 28), "persistent-keepalive-interval" number
 *         (at most UINT16_MAX), "last-handshake-time" binary[16] (struct wg_timespec64 { uint64_t
 *         tv_sec; uint64_t tv_nsec; }), "rx-bytes", "tx-bytes" numbers (get), "remove",
 *         "replace-allowedips" bools (set), "allowed-ips" nvlist array
 * aip:    "cidr" number, and "ipv4" binary[4] or "ipv6" binary[16]
 * </pre>
 *
 * FreeBSD has no "update only" flag (wg_peer_add creates any peer it does not know), so an
 * update-only peer cannot be encoded: {@link FreeBsdWireGuardDevice} resolves them first.
 */
final class FreeBsdWgNvCodec {
    private static final BsdSockaddr SOCKADDR = BsdSockaddr.FREEBSD;
    private static final int KEY_SIZE = 32;
    private static final int TIMESPEC64_SIZE = 16;

    private FreeBsdWgNvCodec() {}

    /** The nvlist for SIOCSWG, in the order wireguard-tools builds it. */
    static Nvlist encode(DeviceChange change) throws WgCodecException {
        Nvlist.Builder device = Nvlist.builder();
        change.privateKey().ifPresent(key -> device.binary("private-key", key.bytes()));
        if (change.listenPort().isPresent()) {
            int port = change.listenPort().getAsInt();
            if (port < 0 || port > 0xffff) {
                throw new WgCodecException("listen port " + port + " is outside 0-65535");
            }
            device.number("listen-port", port);
        }
        if (change.fwmark().isPresent()) {
            device.number("user-cookie", Integer.toUnsignedLong(change.fwmark().getAsInt()));
        }
        if (change.replacePeers()) {
            device.bool("replace-peers", true);
        }
        List<Nvlist> peers = new ArrayList<>();
        for (PeerChange peer : change.peers()) {
            peers.add(encodePeer(peer));
        }
        if (!peers.isEmpty()) {
            device.nvlistArray("peers", peers);
        }
        return device.build();
    }

    private static Nvlist encodePeer(PeerChange peer) throws WgCodecException {
        if (peer.updateOnly()) {
            throw new WgCodecException("peer " + peer.publicKey().shortForm()
                    + " is update-only, which FreeBSD's if_wg cannot express");
        }
        Nvlist.Builder out = Nvlist.builder().binary("public-key", peer.publicKey().bytes());
        if (peer.persistentKeepalive().isPresent()) {
            long seconds = peer.persistentKeepalive().get().toSeconds();
            if (seconds < 0 || seconds > 0xffff) {
                throw new WgCodecException("persistent keepalive of " + seconds + " s is outside 0-65535");
            }
            out.number("persistent-keepalive-interval", seconds);
        }
        peer.endpoint().ifPresent(endpoint -> out.binary("endpoint", SOCKADDR.encode(endpoint)));
        if (peer.allowedIps().isPresent()) {
            out.bool("replace-allowedips", true);
        }
        if (peer.remove()) {
            out.bool("remove", true);
        }
        List<Nvlist> aips = new ArrayList<>();
        for (IpPrefix prefix : peer.allowedIps().orElse(List.of())) {
            aips.add(Nvlist.builder()
                    .number("cidr", prefix.length())
                    .binary(prefix.isIpv4() ? "ipv4" : "ipv6", prefix.address().getAddress())
                    .build());
        }
        if (!aips.isEmpty()) {
            out.nvlistArray("allowed-ips", aips);
        }
        return out.build();
    }

    /** The device as wgc_get describes it. */
    static DeviceState decode(Nvlist device) throws WgCodecException {
        long port = device.number("listen-port").orElse(0L);
        if (port < 0 || port > 0xffff) {
            throw new WgCodecException("listen-port " + Long.toUnsignedString(port) + " is outside 0-65535");
        }
        long cookie = device.number("user-cookie").orElse(0L);
        if (cookie < 0 || cookie > 0xffffffffL) {
            throw new WgCodecException("user-cookie " + Long.toUnsignedString(cookie) + " is not a uint32");
        }
        Optional<PublicKey> publicKey = Optional.empty();
        if (device.binary("public-key").isPresent()) {
            publicKey = Optional.of(PublicKey.of(key(device, "public-key")));
        }
        List<PeerState> peers = new ArrayList<>();
        for (Nvlist peer : device.nvlistArray("peers")) {
            peers.add(decodePeer(peer));
        }
        return new DeviceState(publicKey, (int) port, (int) cookie, peers);
    }

    private static byte[] key(Nvlist list, String name) throws WgCodecException {
        byte[] bytes = list.binary(name).orElseThrow(() -> new WgCodecException("no " + name));
        if (bytes.length != KEY_SIZE) {
            throw new WgCodecException(name + " has " + bytes.length + " bytes, not " + KEY_SIZE);
        }
        return bytes;
    }

    private static PeerState decodePeer(Nvlist peer) throws WgCodecException {
        PublicKey key = PublicKey.of(key(peer, "public-key"));
        Optional<Endpoint> endpoint = Optional.empty();
        Optional<byte[]> sockaddr = peer.binary("endpoint");
        if (sockaddr.isPresent()) {
            endpoint = SOCKADDR.decode(sockaddr.get(), 0, sockaddr.get().length);
        }
        long keepalive = peer.number("persistent-keepalive-interval").orElse(0L);
        if (keepalive < 0 || keepalive > 0xffff) {
            throw new WgCodecException("persistent-keepalive-interval " + Long.toUnsignedString(keepalive)
                    + " is outside 0-65535");
        }
        long rx = peer.number("rx-bytes").orElse(0L);
        long tx = peer.number("tx-bytes").orElse(0L);
        if (rx < 0 || tx < 0) {
            throw new WgCodecException("byte counters overflow a signed 64-bit value");
        }
        Optional<Instant> handshake = Optional.empty();
        Optional<byte[]> time = peer.binary("last-handshake-time");
        if (time.isPresent()) {
            handshake = lastHandshake(time.get());
        }
        List<IpPrefix> aips = new ArrayList<>();
        for (Nvlist aip : peer.nvlistArray("allowed-ips")) {
            decodeAip(aip).ifPresent(aips::add);
        }
        return new PeerState(key, endpoint, aips,
                keepalive == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(keepalive)), handshake, rx, tx);
    }

    private static Optional<Instant> lastHandshake(byte[] bytes) throws WgCodecException {
        if (bytes.length != TIMESPEC64_SIZE) {
            throw new WgCodecException("last-handshake-time has " + bytes.length + " bytes, not " + TIMESPEC64_SIZE);
        }
        long seconds = littleEndian(bytes, 0);
        long nanos = littleEndian(bytes, 8);
        if (seconds == 0 && nanos == 0) {
            return Optional.empty();
        }
        if (seconds < 0 || seconds > Instant.MAX.getEpochSecond() || nanos < 0 || nanos > 999_999_999L) {
            throw new WgCodecException("bad last-handshake-time " + Long.toUnsignedString(seconds) + "."
                    + Long.toUnsignedString(nanos));
        }
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    private static long littleEndian(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    /** Like wireguard-tools, an entry without "cidr" or without an address is skipped. */
    private static Optional<IpPrefix> decodeAip(Nvlist aip) throws WgCodecException {
        Optional<Long> cidr = aip.number("cidr");
        if (cidr.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> v4 = aip.binary("ipv4");
        Optional<byte[]> v6 = aip.binary("ipv6");
        byte[] address;
        int max;
        if (v4.isPresent()) {
            address = v4.get();
            max = 32;
            if (address.length != 4) {
                throw new WgCodecException("ipv4 allowed IP of " + address.length + " bytes");
            }
        } else if (v6.isPresent()) {
            address = v6.get();
            max = 128;
            if (address.length != 16) {
                throw new WgCodecException("ipv6 allowed IP of " + address.length + " bytes");
            }
        } else {
            return Optional.empty();
        }
        long length = cidr.get();
        if (length < 0 || length > max) {
            throw new WgCodecException("allowed IP with prefix length " + Long.toUnsignedString(length));
        }
        return Optional.of(new IpPrefix(BsdSockaddr.address(address), (int) length));
    }
}
