package dev.wireplug.adapters.wireguard.openbsd;

import dev.wireplug.adapters.wireguard.bsd.BsdSockaddr;
import dev.wireplug.adapters.wireguard.bsd.WgCodecException;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The buffer that OpenBSD's SIOCGWG fills and SIOCSWG reads, {@code wgd_interface} of
 * {@code struct wg_data_io} (sys/net/if_wg.h, rev. 1.5): one {@code struct wg_interface_io}, then
 * for each peer a {@code struct wg_peer_io} immediately followed by its {@code p_aips_count}
 * {@code struct wg_aip_io}; the next peer starts right after the last allowed IP (the kernel walks
 * it as {@code peer_p = (struct wg_peer_io *)aip_p}), with no padding in between.
 *
 * <p>Offsets are those of the LP64 ABIs OpenBSD runs WireGuard on (amd64, arm64: 8-byte size_t,
 * time_t and long, natural alignment, little-endian); the derivation from the header is written out
 * in {@code OpenBsdWgCodecTest} and checked against JNA's own layout in {@code IfWgLayoutTest}.
 * Pure: no JNA here, so it is tested byte for byte on any machine.
 */
final class OpenBsdWgCodec {
    static final int WG_KEY_LEN = 32;

    // struct wg_interface_io
    static final int I_FLAGS = 0;
    static final int I_PORT = 2;
    static final int I_RTABLE = 4;
    static final int I_PUBLIC = 8;
    static final int I_PRIVATE = 40;
    static final int I_PEERS_COUNT = 72;
    static final int INTERFACE_IO_SIZE = 80;

    // struct wg_peer_io
    static final int P_FLAGS = 0;
    static final int P_PROTOCOL_VERSION = 4;
    static final int P_PUBLIC = 8;
    static final int P_PSK = 40;
    static final int P_PKA = 72;
    static final int P_ENDPOINT = 76;
    static final int P_ENDPOINT_SIZE = 28;
    static final int P_TXBYTES = 104;
    static final int P_RXBYTES = 112;
    static final int P_LAST_HANDSHAKE = 120;
    static final int P_DESCRIPTION = 136;
    static final int P_AIPS_COUNT = 200;
    static final int PEER_IO_SIZE = 208;

    // struct wg_aip_io
    static final int A_AF = 0;
    static final int A_CIDR = 4;
    static final int A_ADDR = 8;
    static final int AIP_IO_SIZE = 24;

    static final int WG_INTERFACE_HAS_PUBLIC = 1 << 0;
    static final int WG_INTERFACE_HAS_PRIVATE = 1 << 1;
    static final int WG_INTERFACE_HAS_PORT = 1 << 2;
    static final int WG_INTERFACE_HAS_RTABLE = 1 << 3;
    static final int WG_INTERFACE_REPLACE_PEERS = 1 << 4;

    static final int WG_PEER_HAS_PUBLIC = 1 << 0;
    static final int WG_PEER_HAS_PSK = 1 << 1;
    static final int WG_PEER_HAS_PKA = 1 << 2;
    static final int WG_PEER_HAS_ENDPOINT = 1 << 3;
    static final int WG_PEER_REPLACE_AIPS = 1 << 4;
    static final int WG_PEER_REMOVE = 1 << 5;
    static final int WG_PEER_UPDATE = 1 << 6;
    static final int WG_PEER_SET_DESCRIPTION = 1 << 7;

    private static final BsdSockaddr SOCKADDR = BsdSockaddr.OPENBSD;

    private OpenBsdWgCodec() {}

    /** The number of bytes {@link #encode} produces for a change. */
    static long encodedSize(DeviceChange change) {
        long size = INTERFACE_IO_SIZE;
        for (PeerChange peer : change.peers()) {
            size += PEER_IO_SIZE + (long) AIP_IO_SIZE * peer.allowedIps().map(List::size).orElse(0);
        }
        return size;
    }

    /** The SIOCSWG buffer for a change: everything in one request, which the kernel applies under one lock. */
    static byte[] encode(DeviceChange change) throws WgCodecException {
        long size = encodedSize(change);
        if (size > Integer.MAX_VALUE - 8) {
            throw new WgCodecException("change too large for one SIOCSWG: " + size + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        int flags = 0;
        if (change.privateKey().isPresent()) {
            flags |= WG_INTERFACE_HAS_PRIVATE;
            out.position(I_PRIVATE);
            out.put(change.privateKey().get().bytes());
        }
        if (change.listenPort().isPresent()) {
            int port = change.listenPort().getAsInt();
            if (port < 0 || port > 0xffff) {
                throw new WgCodecException("listen port " + port + " is outside 0-65535");
            }
            flags |= WG_INTERFACE_HAS_PORT;
            out.putShort(I_PORT, (short) port);
        }
        if (change.fwmark().isPresent()) {
            // OpenBSD has no fwmark; the nearest thing, and what wg(8) maps FwMark to, is the routing table.
            int rtable = change.fwmark().getAsInt();
            if (rtable < 0) {
                throw new WgCodecException("routing table " + rtable + " is negative");
            }
            flags |= WG_INTERFACE_HAS_RTABLE;
            out.putInt(I_RTABLE, rtable);
        }
        if (change.replacePeers()) {
            flags |= WG_INTERFACE_REPLACE_PEERS;
        }
        out.put(I_FLAGS, (byte) flags);
        out.putLong(I_PEERS_COUNT, change.peers().size());

        int at = INTERFACE_IO_SIZE;
        for (PeerChange peer : change.peers()) {
            at = encodePeer(out, at, peer);
        }
        return out.array();
    }

    private static int encodePeer(ByteBuffer out, int at, PeerChange peer) throws WgCodecException {
        int flags = WG_PEER_HAS_PUBLIC;
        out.position(at + P_PUBLIC);
        out.put(peer.publicKey().bytes());
        if (peer.remove()) {
            flags |= WG_PEER_REMOVE;
        }
        if (peer.updateOnly()) {
            flags |= WG_PEER_UPDATE;
        }
        if (peer.persistentKeepalive().isPresent()) {
            long seconds = peer.persistentKeepalive().get().toSeconds();
            if (seconds < 0 || seconds > 0xffff) {
                throw new WgCodecException("persistent keepalive of " + seconds + " s is outside 0-65535");
            }
            flags |= WG_PEER_HAS_PKA;
            out.putShort(at + P_PKA, (short) seconds);
        }
        if (peer.endpoint().isPresent()) {
            flags |= WG_PEER_HAS_ENDPOINT;
            out.position(at + P_ENDPOINT);
            out.put(SOCKADDR.encode(peer.endpoint().get()));
        }
        List<IpPrefix> aips = peer.allowedIps().orElse(List.of());
        if (peer.allowedIps().isPresent()) {
            flags |= WG_PEER_REPLACE_AIPS;
        }
        out.putInt(at + P_FLAGS, flags);
        // p_protocol_version stays 0: "latest protocol" for the kernel.
        out.putLong(at + P_AIPS_COUNT, aips.size());
        int aip = at + PEER_IO_SIZE;
        for (IpPrefix prefix : aips) {
            out.put(aip + A_AF, (byte) (prefix.isIpv4() ? BsdSockaddr.AF_INET : SOCKADDR.afInet6()));
            out.putInt(aip + A_CIDR, prefix.length());
            out.position(aip + A_ADDR);
            out.put(prefix.address().getAddress());
            aip += AIP_IO_SIZE;
        }
        return aip;
    }

    /** Parses the first {@code size} bytes of a buffer SIOCGWG filled. */
    static DeviceState decode(byte[] buffer, long size) throws WgCodecException {
        if (size < INTERFACE_IO_SIZE || size > buffer.length) {
            throw new WgCodecException("SIOCGWG returned " + size + " bytes in a buffer of " + buffer.length
                    + "; a wg_interface_io alone is " + INTERFACE_IO_SIZE);
        }
        int limit = (int) size;
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, limit).order(ByteOrder.LITTLE_ENDIAN);
        int flags = in.get(I_FLAGS) & 0xff;
        int port = (flags & WG_INTERFACE_HAS_PORT) != 0 ? in.getShort(I_PORT) & 0xffff : 0;
        int rtable = (flags & WG_INTERFACE_HAS_RTABLE) != 0 ? in.getInt(I_RTABLE) : 0;
        Optional<PublicKey> publicKey = (flags & WG_INTERFACE_HAS_PUBLIC) != 0
                ? Optional.of(PublicKey.of(slice(buffer, I_PUBLIC, WG_KEY_LEN)))
                : Optional.empty();
        long peerCount = in.getLong(I_PEERS_COUNT);
        if (peerCount < 0 || peerCount > (limit - INTERFACE_IO_SIZE) / PEER_IO_SIZE) {
            throw new WgCodecException("i_peers_count " + Long.toUnsignedString(peerCount) + " does not fit in "
                    + limit + " bytes");
        }
        List<PeerState> peers = new ArrayList<>((int) peerCount);
        int at = INTERFACE_IO_SIZE;
        for (long i = 0; i < peerCount; i++) {
            if (limit - at < PEER_IO_SIZE) {
                throw new WgCodecException("peer " + i + " at offset " + at + " runs past the " + limit + " bytes");
            }
            long aipCount = in.getLong(at + P_AIPS_COUNT);
            long room = (limit - at - PEER_IO_SIZE) / AIP_IO_SIZE;
            if (aipCount < 0 || aipCount > room) {
                throw new WgCodecException("peer " + i + " claims " + Long.toUnsignedString(aipCount)
                        + " allowed IPs, room for " + room);
            }
            peers.add(decodePeer(buffer, in, at, (int) aipCount, i));
            at += PEER_IO_SIZE + (int) aipCount * AIP_IO_SIZE;
        }
        return new DeviceState(publicKey, port, rtable, peers);
    }

    private static PeerState decodePeer(byte[] buffer, ByteBuffer in, int at, int aipCount, long index)
            throws WgCodecException {
        int flags = in.getInt(at + P_FLAGS);
        if ((flags & WG_PEER_HAS_PUBLIC) == 0) {
            throw new WgCodecException("peer " + index + " has no public key (p_flags " + flags + ")");
        }
        PublicKey key = PublicKey.of(slice(buffer, at + P_PUBLIC, WG_KEY_LEN));
        int pka = in.getShort(at + P_PKA) & 0xffff;
        Optional<Duration> keepalive = (flags & WG_PEER_HAS_PKA) != 0 && pka != 0
                ? Optional.of(Duration.ofSeconds(pka))
                : Optional.empty();
        Optional<Endpoint> endpoint = (flags & WG_PEER_HAS_ENDPOINT) != 0
                ? SOCKADDR.decode(buffer, at + P_ENDPOINT, P_ENDPOINT_SIZE)
                : Optional.empty();
        long tx = in.getLong(at + P_TXBYTES);
        long rx = in.getLong(at + P_RXBYTES);
        if (tx < 0 || rx < 0) {
            throw new WgCodecException("peer " + index + " byte counters overflow a signed 64-bit value");
        }
        long seconds = in.getLong(at + P_LAST_HANDSHAKE);
        long nanos = in.getLong(at + P_LAST_HANDSHAKE + 8);
        Optional<Instant> handshake = lastHandshake(seconds, nanos, index);
        List<IpPrefix> aips = new ArrayList<>(aipCount);
        int aip = at + PEER_IO_SIZE;
        for (int j = 0; j < aipCount; j++) {
            aips.add(decodeAip(buffer, in, aip));
            aip += AIP_IO_SIZE;
        }
        return new PeerState(key, endpoint, aips, keepalive, handshake, rx, tx);
    }

    static Optional<Instant> lastHandshake(long seconds, long nanos, long index) throws WgCodecException {
        if (seconds == 0 && nanos == 0) {
            return Optional.empty();
        }
        if (nanos < 0 || nanos > 999_999_999L || seconds < 0 || seconds > Instant.MAX.getEpochSecond()) {
            throw new WgCodecException("peer " + index + " has a bad last handshake time " + seconds + "." + nanos);
        }
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    private static IpPrefix decodeAip(byte[] buffer, ByteBuffer in, int at) throws WgCodecException {
        int af = in.get(at + A_AF) & 0xff;
        int cidr = in.getInt(at + A_CIDR);
        int length;
        int max;
        if (af == BsdSockaddr.AF_INET) {
            length = 4;
            max = 32;
        } else if (af == SOCKADDR.afInet6()) {
            length = 16;
            max = 128;
        } else {
            throw new WgCodecException("allowed IP with address family " + af);
        }
        if (cidr < 0 || cidr > max) {
            throw new WgCodecException("allowed IP with prefix length " + cidr + " (at most " + max + ")");
        }
        return new IpPrefix(BsdSockaddr.address(slice(buffer, at + A_ADDR, length)), cidr);
    }

    private static byte[] slice(byte[] buffer, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(buffer, offset, out, 0, length);
        return out;
    }
}
