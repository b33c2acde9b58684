package dev.wireplug.adapters.wireguard;

import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Linux kernel's generic netlink family "wireguard" (include/uapi/linux/wireguard.h), plus the
 * controller request that resolves its id. Pure bytes; the socket is {@link NetlinkWireGuardDevice}'s.
 */
final class WireGuardNetlinkCodec {
    // include/uapi/linux/genetlink.h
    static final int GENL_ID_CTRL = 0x10;
    static final int CTRL_CMD_NEWFAMILY = 1;
    static final int CTRL_CMD_GETFAMILY = 3;
    static final int CTRL_ATTR_FAMILY_ID = 1;
    static final int CTRL_ATTR_FAMILY_NAME = 2;
    static final String FAMILY = "wireguard";

    // include/uapi/linux/wireguard.h
    static final int WG_GENL_VERSION = 1;
    static final int WG_CMD_GET_DEVICE = 0;
    static final int WG_CMD_SET_DEVICE = 1;
    static final int WGDEVICE_F_REPLACE_PEERS = 1;
    static final int WGDEVICE_A_IFINDEX = 1;
    static final int WGDEVICE_A_IFNAME = 2;
    static final int WGDEVICE_A_PRIVATE_KEY = 3;
    static final int WGDEVICE_A_PUBLIC_KEY = 4;
    static final int WGDEVICE_A_FLAGS = 5;
    static final int WGDEVICE_A_LISTEN_PORT = 6;
    static final int WGDEVICE_A_FWMARK = 7;
    static final int WGDEVICE_A_PEERS = 8;
    static final int WGPEER_F_REMOVE_ME = 1;
    static final int WGPEER_F_REPLACE_ALLOWEDIPS = 2;
    static final int WGPEER_F_UPDATE_ONLY = 4;
    static final int WGPEER_A_PUBLIC_KEY = 1;
    static final int WGPEER_A_PRESHARED_KEY = 2;
    static final int WGPEER_A_FLAGS = 3;
    static final int WGPEER_A_ENDPOINT = 4;
    static final int WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL = 5;
    static final int WGPEER_A_LAST_HANDSHAKE_TIME = 6;
    static final int WGPEER_A_RX_BYTES = 7;
    static final int WGPEER_A_TX_BYTES = 8;
    static final int WGPEER_A_ALLOWEDIPS = 9;
    static final int WGPEER_A_PROTOCOL_VERSION = 10;
    static final int WGALLOWEDIP_A_FAMILY = 1;
    static final int WGALLOWEDIP_A_IPADDR = 2;
    static final int WGALLOWEDIP_A_CIDR_MASK = 3;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** What wg(8) sends at most per message (libmnl's MNL_SOCKET_BUFFER_SIZE on 4 KiB pages). */
    static final int DEFAULT_MESSAGE_SIZE = 4096;

    private WireGuardNetlinkCodec() {}

    static byte[] getFamilyRequest(int seq) {
        NetlinkWriter w = new NetlinkWriter(64, GENL_ID_CTRL, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq, 0)
                .genl(CTRL_CMD_GETFAMILY, 1);
        w.putString(CTRL_ATTR_FAMILY_NAME, FAMILY);
        return w.finish();
    }

    /** The family id from the controller's answer (a CTRL_CMD_NEWFAMILY message). */
    static int decodeFamilyId(Netlink.Message message) throws NetlinkFormatException {
        if (message.isError()) {
            int errno = Netlink.errorCode(message);
            throw new NetlinkFormatException("generic netlink controller answered errno " + errno, errno);
        }
        for (Netlink.Attribute a : Netlink.attributes(genlPayload(message))) {
            if (a.type() == CTRL_ATTR_FAMILY_ID) {
                return a.u16();
            }
        }
        throw new NetlinkFormatException("controller answer without CTRL_ATTR_FAMILY_ID");
    }

    static byte[] getDeviceRequest(int familyId, int seq, String ifname) {
        NetlinkWriter w = new NetlinkWriter(64, familyId,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_DUMP, seq, 0)
                .genl(WG_CMD_GET_DEVICE, WG_GENL_VERSION);
        w.putString(WGDEVICE_A_IFNAME, ifname);
        return w.finish();
    }

    /**
     * The change as one or more WG_CMD_SET_DEVICE messages of at most {@code maxMessage} bytes, in
     * the way wg(8) splits them: device attributes and WGDEVICE_F_REPLACE_PEERS only in the first;
     * a peer whose allowed IPs do not fit continues in the next message with its public key, the
     * rest of its allowed IPs, and its REMOVE_ME / UPDATE_ONLY flags again (never
     * REPLACE_ALLOWEDIPS again, which would drop the first part; never without UPDATE_ONLY, which
     * would create a peer the first part chose not to create).
     */
    static List<byte[]> setDeviceRequests(int familyId, int firstSeq, String ifname, DeviceChange change,
            int maxMessage) {
        List<byte[]> messages = new ArrayList<>();
        int peerIndex = 0;
        int ipIndex = 0;
        List<PeerChange> peers = change.peers();
        do {
            NetlinkWriter w = new NetlinkWriter(maxMessage, familyId, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                    firstSeq + messages.size(), 0).genl(WG_CMD_SET_DEVICE, WG_GENL_VERSION);
            w.putString(WGDEVICE_A_IFNAME, ifname);
            if (messages.isEmpty()) {
                change.privateKey().ifPresent(k -> w.put(WGDEVICE_A_PRIVATE_KEY, k.bytes()));
                change.listenPort().ifPresent(p -> w.putU16(WGDEVICE_A_LISTEN_PORT, p));
                change.fwmark().ifPresent(m -> w.putU32(WGDEVICE_A_FWMARK, m));
                if (change.replacePeers()) {
                    w.putU32(WGDEVICE_A_FLAGS, WGDEVICE_F_REPLACE_PEERS);
                }
            }
            if (peerIndex < peers.size()) {
                int startPeer = peerIndex;
                int startIp = ipIndex;
                int peersNest = w.nestStart(WGDEVICE_A_PEERS);
                if (peersNest < 0) {
                    throw new IllegalArgumentException("no room for peers in a " + maxMessage + "-byte message");
                }
                while (peerIndex < peers.size()) {
                    int written = putPeer(w, peers.get(peerIndex), ipIndex);
                    PeerChange peer = peers.get(peerIndex);
                    int total = peer.allowedIps().map(List::size).orElse(0);
                    if (written < 0) {
                        break;
                    }
                    if (ipIndex + written < total) {
                        ipIndex += written;
                        break;
                    }
                    peerIndex++;
                    ipIndex = 0;
                }
                w.nestEnd(peersNest);
                if (peerIndex == startPeer && ipIndex == startIp) {
                    throw new IllegalArgumentException("a peer does not fit a " + maxMessage + "-byte message");
                }
            }
            messages.add(w.finish());
        } while (peerIndex < peers.size());
        return messages;
    }

    /**
     * Puts one peer from allowed IP {@code from}; returns how many allowed IPs went in, or -1 when
     * the peer did not fit at all (the message is then left as it was).
     */
    private static int putPeer(NetlinkWriter w, PeerChange peer, int from) {
        int nest = w.nestStart(0);
        if (nest < 0) {
            return -1;
        }
        boolean first = from == 0;
        int flags = (peer.remove() ? WGPEER_F_REMOVE_ME : 0) | (peer.updateOnly() ? WGPEER_F_UPDATE_ONLY : 0);
        if (first && peer.allowedIps().isPresent()) {
            flags |= WGPEER_F_REPLACE_ALLOWEDIPS;
        }
        boolean ok = w.put(WGPEER_A_PUBLIC_KEY, peer.publicKey().bytes());
        if (ok && flags != 0) {
            ok = w.putU32(WGPEER_A_FLAGS, flags);
        }
        if (ok && first && peer.endpoint().isPresent()) {
            ok = w.put(WGPEER_A_ENDPOINT, sockaddr(peer.endpoint().get()));
        }
        if (ok && first && peer.persistentKeepalive().isPresent()) {
            ok = w.putU16(WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL, (int) peer.persistentKeepalive().get().toSeconds());
        }
        if (!ok) {
            w.nestCancel(nest);
            return -1;
        }
        List<IpPrefix> ips = peer.allowedIps().orElse(List.of());
        int count = 0;
        if (from < ips.size()) {
            int ipsNest = w.nestStart(WGPEER_A_ALLOWEDIPS);
            if (ipsNest < 0) {
                w.nestCancel(nest);
                return -1;
            }
            for (IpPrefix ip : ips.subList(from, ips.size())) {
                int ipNest = w.nestStart(0);
                byte[] address = ip.address().getAddress();
                boolean fits = ipNest >= 0
                        && w.putU16(WGALLOWEDIP_A_FAMILY, ip.isIpv4() ? AF_INET : AF_INET6)
                        && w.put(WGALLOWEDIP_A_IPADDR, address)
                        && w.putU8(WGALLOWEDIP_A_CIDR_MASK, ip.length());
                // Room for closing the peer nest costs nothing (lengths are patched in place).
                if (!fits) {
                    if (ipNest >= 0) {
                        w.nestCancel(ipNest);
                    }
                    break;
                }
                w.nestEnd(ipNest);
                count++;
            }
            if (count == 0) {
                w.nestCancel(nest);
                return -1;
            }
            w.nestEnd(ipsNest);
        }
        w.nestEnd(nest);
        return count;
    }

    /** struct sockaddr_in / sockaddr_in6: family in host order, port and address in network order. */
    static byte[] sockaddr(Endpoint endpoint) {
        InetAddress address = endpoint.address();
        if (address instanceof Inet6Address v6) {
            ByteBuffer b = ByteBuffer.allocate(28).order(Netlink.ORDER);
            b.putShort((short) AF_INET6);
            b.order(ByteOrder.BIG_ENDIAN).putShort((short) endpoint.port()).putInt(0).put(v6.getAddress());
            b.order(Netlink.ORDER).putInt(v6.getScopeId());
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(16).order(Netlink.ORDER);
        b.putShort((short) AF_INET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) endpoint.port()).put(address.getAddress());
        return b.array();
    }

    static Endpoint endpoint(Netlink.Attribute a) throws NetlinkFormatException {
        ByteBuffer b = a.value();
        try {
            if (b.remaining() >= 16 && b.getShort(0) == AF_INET) {
                byte[] addr = new byte[4];
                b.get(4, addr);
                return new Endpoint(InetAddress.getByAddress(addr), port(b));
            }
            if (b.remaining() >= 28 && b.getShort(0) == AF_INET6) {
                byte[] addr = new byte[16];
                b.get(8, addr);
                return new Endpoint(Inet6Address.getByAddress(null, addr, b.getInt(24)), port(b));
            }
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new NetlinkFormatException("bad peer endpoint: " + e.getMessage());
        }
        throw new NetlinkFormatException("peer endpoint of " + b.remaining() + " bytes is no sockaddr_in(6)");
    }

    private static int port(ByteBuffer b) {
        return Short.toUnsignedInt(b.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(2));
    }

    private static ByteBuffer genlPayload(Netlink.Message message) throws NetlinkFormatException {
        ByteBuffer p = message.payload();
        if (p.remaining() < 4) {
            throw new NetlinkFormatException("generic netlink message without its 4-byte header");
        }
        return p.slice(4, p.remaining() - 4).order(Netlink.ORDER);
    }

    /**
     * Gathers the messages of a WG_CMD_GET_DEVICE dump into one device. The kernel puts the
     * device's own attributes only in the first message, and when a peer's allowed IPs do not fit
     * it repeats that peer (public key and the rest of its allowed IPs only) first in the next.
     */
    static final class DumpMerger {
        private Optional<PublicKey> publicKey = Optional.empty();
        private int listenPort;
        private int fwmark;
        private final List<PeerBuilder> peers = new ArrayList<>();
        private int messages;

        void add(Netlink.Message message) throws NetlinkFormatException {
            ByteBuffer payload = genlPayload(message);
            if (Byte.toUnsignedInt(message.payload().get(0)) != WG_CMD_GET_DEVICE) {
                throw new NetlinkFormatException("dump message with command " + message.payload().get(0));
            }
            messages++;
            for (Netlink.Attribute a : Netlink.attributes(payload)) {
                switch (a.type()) {
                    case WGDEVICE_A_PUBLIC_KEY -> publicKey = Optional.of(key(a));
                    case WGDEVICE_A_LISTEN_PORT -> listenPort = a.u16();
                    case WGDEVICE_A_FWMARK -> fwmark = a.u32();
                    case WGDEVICE_A_PEERS -> {
                        for (Netlink.Attribute peer : a.nested()) {
                            addPeer(peer.nested());
                        }
                    }
                    default -> {
                        // IFINDEX, IFNAME, PRIVATE_KEY (never kept), FLAGS and newer attributes.
                    }
                }
            }
        }

        private void addPeer(List<Netlink.Attribute> attributes) throws NetlinkFormatException {
            PeerBuilder peer = null;
            for (Netlink.Attribute a : attributes) {
                if (a.type() == WGPEER_A_PUBLIC_KEY) {
                    PublicKey key = key(a);
                    PeerBuilder last = peers.isEmpty() ? null : peers.get(peers.size() - 1);
                    peer = last != null && last.key.equals(key) ? last : new PeerBuilder(key);
                    if (peer != last) {
                        peers.add(peer);
                    }
                }
            }
            if (peer == null) {
                throw new NetlinkFormatException("peer without WGPEER_A_PUBLIC_KEY");
            }
            for (Netlink.Attribute a : attributes) {
                switch (a.type()) {
                    case WGPEER_A_ENDPOINT -> peer.endpoint = Optional.of(endpoint(a));
                    case WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL -> peer.keepalive = a.u16();
                    case WGPEER_A_LAST_HANDSHAKE_TIME -> {
                        // struct __kernel_timespec: two 64-bit fields, seconds then nanoseconds.
                        if (a.value().remaining() < 16) {
                            throw new NetlinkFormatException("last handshake time of " + a.value().remaining()
                                    + " bytes");
                        }
                        peer.handshakeSec = a.value().getLong(0);
                        peer.handshakeNsec = a.value().getLong(8);
                    }
                    case WGPEER_A_RX_BYTES -> peer.rx = a.u64();
                    case WGPEER_A_TX_BYTES -> peer.tx = a.u64();
                    case WGPEER_A_ALLOWEDIPS -> {
                        for (Netlink.Attribute ip : a.nested()) {
                            peer.allowedIps.add(allowedIp(ip.nested()));
                        }
                    }
                    default -> {
                        // PUBLIC_KEY (done), PRESHARED_KEY, PROTOCOL_VERSION: not part of the port.
                    }
                }
            }
        }

        DeviceState state() throws NetlinkFormatException {
            if (messages == 0) {
                throw new NetlinkFormatException("the dump held no device");
            }
            List<PeerState> out = new ArrayList<>();
            for (PeerBuilder p : peers) {
                out.add(p.build());
            }
            return new DeviceState(publicKey, listenPort, fwmark, out);
        }
    }

    private static IpPrefix allowedIp(List<Netlink.Attribute> attributes) throws NetlinkFormatException {
        int family = -1;
        byte[] address = null;
        int mask = -1;
        for (Netlink.Attribute a : attributes) {
            switch (a.type()) {
                case WGALLOWEDIP_A_FAMILY -> family = a.u16();
                case WGALLOWEDIP_A_IPADDR -> address = a.bytes();
                case WGALLOWEDIP_A_CIDR_MASK -> mask = a.u8();
                default -> {
                    // WGALLOWEDIP_A_FLAGS of newer kernels: only meaningful in requests.
                }
            }
        }
        int expected = family == AF_INET ? 4 : family == AF_INET6 ? 16 : -1;
        if (expected < 0 || address == null || address.length != expected || mask < 0) {
            throw new NetlinkFormatException("allowed IP without a valid family, address and mask");
        }
        try {
            InetAddress ip = InetAddress.getByAddress(address);
            if (family == AF_INET6 && ip instanceof Inet4Address) {
                // getByAddress turns ::ffff:a.b.c.d into IPv4; keep the IPv6 form the kernel holds.
                ip = Inet6Address.getByAddress(null, address, -1);
            }
            return new IpPrefix(ip, mask);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new NetlinkFormatException("bad allowed IP: " + e.getMessage());
        }
    }

    private static PublicKey key(Netlink.Attribute a) throws NetlinkFormatException {
        if (a.value().remaining() != 32) {
            throw new NetlinkFormatException("key of " + a.value().remaining() + " bytes");
        }
        return PublicKey.of(a.bytes());
    }

    private static final class PeerBuilder {
        final PublicKey key;
        Optional<Endpoint> endpoint = Optional.empty();
        final List<IpPrefix> allowedIps = new ArrayList<>();
        int keepalive;
        long handshakeSec;
        long handshakeNsec;
        long rx;
        long tx;

        PeerBuilder(PublicKey key) {
            this.key = key;
        }

        PeerState build() throws NetlinkFormatException {
            if (rx < 0 || tx < 0 || handshakeSec < 0 || handshakeNsec < 0 || handshakeNsec > 999_999_999
                    || handshakeSec > Instant.MAX.getEpochSecond()) {
                throw new NetlinkFormatException("peer " + key.shortForm() + " has out-of-range counters or time");
            }
            Optional<Duration> keep = keepalive == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(keepalive));
            Optional<Instant> handshake = handshakeSec == 0 && handshakeNsec == 0
                    ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(handshakeSec, handshakeNsec));
            return new PeerState(key, endpoint, allowedIps, keep, handshake, rx, tx);
        }
    }
}
