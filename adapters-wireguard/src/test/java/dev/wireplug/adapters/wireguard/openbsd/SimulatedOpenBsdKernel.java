package dev.wireplug.adapters.wireguard.openbsd;

import dev.wireplug.adapters.wireguard.bsd.BsdErrno;
import dev.wireplug.adapters.wireguard.bsd.BsdSockaddr;
import dev.wireplug.adapters.wireguard.bsd.IoctlException;
import dev.wireplug.adapters.wireguard.bsd.LittleEndianImage;
import dev.wireplug.adapters.wireguard.bsd.WgCodecException;
import dev.wireplug.adapters.wireguard.bsd.WgIoctl;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenBSD's wg(4) ioctls in miniature: wg_ioctl_set's rules (REPLACE_PEERS, REMOVE and UPDATE never
 * creating, REPLACE_AIPS) applied to an in-memory interface, and wg_ioctl_get's answer (size first,
 * data when the buffer is large enough). Requests are parsed at the literal offsets of sys/net/if_wg.h
 * (interface 80 bytes, peer 208, allowed IP 24), not with the codec under test.
 */
final class SimulatedOpenBsdKernel implements WgIoctl {
    private static final class Peer {
        Optional<Endpoint> endpoint = Optional.empty();
        int keepalive;
        final List<IpPrefix> aips = new ArrayList<>();
    }

    private final String interfaceName;
    private final Map<PublicKey, Peer> peers = new LinkedHashMap<>();
    private int port;
    private int rtable;

    SimulatedOpenBsdKernel(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    private void exists(String name) throws IoctlException {
        if (!name.equals(interfaceName)) {
            throw new IoctlException(BsdErrno.ENXIO, "ENXIO");
        }
    }

    @Override
    public void set(String name, byte[] data) throws IoctlException {
        exists(name);
        try {
            ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            int flags = in.get(0) & 0xff;
            if ((flags & 0x10) != 0) {
                peers.clear();
            }
            if ((flags & 0x04) != 0) {
                port = in.getShort(2) & 0xffff;
            }
            if ((flags & 0x08) != 0) {
                rtable = in.getInt(4);
            }
            int at = 80;
            for (long i = in.getLong(72); i > 0; i--) {
                int peerAt = at;
                int peerFlags = in.getInt(peerAt);
                PublicKey key = PublicKey.of(Arrays.copyOfRange(data, peerAt + 8, peerAt + 40));
                int aipCount = (int) in.getLong(peerAt + 200);
                int aipAt = peerAt + 208;
                at = aipAt + 24 * aipCount;
                if ((peerFlags & 0x01) == 0) {
                    continue;
                }
                Peer peer = peers.get(key);
                if (peer == null) {
                    if ((peerFlags & (0x20 | 0x40)) != 0) {
                        continue;
                    }
                    peer = new Peer();
                    peers.put(key, peer);
                }
                if ((peerFlags & 0x20) != 0) {
                    peers.remove(key);
                    continue;
                }
                if ((peerFlags & 0x08) != 0) {
                    peer.endpoint = BsdSockaddr.OPENBSD.decode(data, peerAt + 76, 28);
                }
                if ((peerFlags & 0x04) != 0) {
                    peer.keepalive = in.getShort(peerAt + 72) & 0xffff;
                }
                if ((peerFlags & 0x10) != 0) {
                    peer.aips.clear();
                }
                for (int j = 0; j < aipCount; j++) {
                    int a = aipAt + 24 * j;
                    int length = (data[a] & 0xff) == 2 ? 4 : 16;
                    IpPrefix prefix = new IpPrefix(
                            InetAddress.getByAddress(Arrays.copyOfRange(data, a + 8, a + 8 + length)), in.getInt(a + 4));
                    if (!peer.aips.contains(prefix)) {
                        peer.aips.add(prefix);
                    }
                }
            }
        } catch (WgCodecException | java.io.IOException | RuntimeException e) {
            throw new IoctlException(BsdErrno.EINVAL, "EINVAL: " + e);
        }
    }

    @Override
    public long get(String name, byte[] buffer) throws IoctlException {
        exists(name);
        int size = 80;
        for (Peer peer : peers.values()) {
            size += 208 + 24 * peer.aips.size();
        }
        if (buffer.length < size) {
            return size;
        }
        LittleEndianImage image = new LittleEndianImage(size)
                .u8(0, (port != 0 ? 0x04 : 0) | (rtable != 0 ? 0x08 : 0))
                .u16(2, port).u32(4, rtable).u64(72, peers.size());
        int at = 80;
        for (Map.Entry<PublicKey, Peer> entry : peers.entrySet()) {
            Peer peer = entry.getValue();
            image.u32(at, 0x01 | (peer.keepalive != 0 ? 0x04 : 0) | (peer.endpoint.isPresent() ? 0x08 : 0))
                    .u32(at + 4, 1)
                    .raw(at + 8, entry.getKey().bytes())
                    .u16(at + 72, peer.keepalive)
                    .u64(at + 200, peer.aips.size());
            if (peer.endpoint.isPresent()) {
                image.raw(at + 76, BsdSockaddr.OPENBSD.encode(peer.endpoint.get()));
            }
            int aip = at + 208;
            for (IpPrefix prefix : peer.aips) {
                image.u8(aip, prefix.isIpv4() ? 2 : 24).u32(aip + 4, prefix.length())
                        .raw(aip + 8, prefix.address().getAddress());
                aip += 24;
            }
            at = aip;
        }
        System.arraycopy(image.bytes(), 0, buffer, 0, size);
        return size;
    }
}
