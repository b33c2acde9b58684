package dev.wireplug.adapters.wireguard.freebsd;

import dev.wireplug.adapters.wireguard.bsd.BsdErrno;
import dev.wireplug.adapters.wireguard.bsd.BsdSockaddr;
import dev.wireplug.adapters.wireguard.bsd.IoctlException;
import dev.wireplug.adapters.wireguard.bsd.WgIoctl;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FreeBSD's if_wg ioctls in miniature: wgc_set and wg_peer_add's rules (replace-peers, remove,
 * replace-allowedips only for a known peer, any unknown peer created) on an in-memory interface,
 * and wgc_get's answer (size for wgd_size 0, ENOSPC for a smaller buffer). Requests are read with
 * the libnv unpacker (tested byte for byte on its own), never with the adapter's if_wg codec.
 */
final class SimulatedFreeBsdKernel implements WgIoctl {
    private static final class Peer {
        Optional<Endpoint> endpoint = Optional.empty();
        long keepalive;
        final List<IpPrefix> aips = new ArrayList<>();
    }

    private final String interfaceName;
    private final Map<PublicKey, Peer> peers = new LinkedHashMap<>();
    private long port;
    private long cookie;

    SimulatedFreeBsdKernel(String interfaceName) {
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
            Nvlist nvl = NvlistCodec.unpack(data);
            if (nvl.bool("replace-peers").orElse(false)) {
                peers.clear();
            }
            nvl.number("listen-port").ifPresent(p -> port = p);
            nvl.number("user-cookie").ifPresent(c -> cookie = c);
            for (Nvlist request : nvl.nvlistArray("peers")) {
                PublicKey key = PublicKey.of(request.binary("public-key").orElseThrow());
                Peer peer = peers.get(key);
                if (request.bool("remove").orElse(false)) {
                    peers.remove(key);
                    continue;
                }
                if (request.bool("replace-allowedips").orElse(false) && peer != null) {
                    peer.aips.clear();
                }
                if (peer == null) {
                    peer = new Peer();
                    peers.put(key, peer);
                }
                Optional<byte[]> endpoint = request.binary("endpoint");
                if (endpoint.isPresent()) {
                    peer.endpoint = BsdSockaddr.FREEBSD.decode(endpoint.get(), 0, endpoint.get().length);
                }
                Optional<Long> keepalive = request.number("persistent-keepalive-interval");
                if (keepalive.isPresent()) {
                    peer.keepalive = keepalive.get();
                }
                for (Nvlist aip : request.nvlistArray("allowed-ips")) {
                    byte[] address = aip.binary("ipv4").or(() -> aip.binary("ipv6")).orElseThrow();
                    IpPrefix prefix = new IpPrefix(InetAddress.getByAddress(address),
                            aip.number("cidr").orElseThrow().intValue());
                    if (!peer.aips.contains(prefix)) {
                        peer.aips.add(prefix);
                    }
                }
            }
        } catch (Exception e) {
            throw new IoctlException(BsdErrno.EINVAL, "EINVAL: " + e);
        }
    }

    @Override
    public long get(String name, byte[] buffer) throws IoctlException {
        exists(name);
        Nvlist.Builder device = Nvlist.builder();
        if (port != 0) {
            device.number("listen-port", port);
        }
        if (cookie != 0) {
            device.number("user-cookie", cookie);
        }
        List<Nvlist> list = new ArrayList<>();
        for (Map.Entry<PublicKey, Peer> entry : peers.entrySet()) {
            Peer peer = entry.getValue();
            Nvlist.Builder out = Nvlist.builder()
                    .binary("public-key", entry.getKey().bytes())
                    .binary("preshared-key", new byte[32]);
            peer.endpoint.ifPresent(e -> out.binary("endpoint", BsdSockaddr.FREEBSD.encode(e)));
            out.binary("last-handshake-time", new byte[16])
                    .number("persistent-keepalive-interval", peer.keepalive)
                    .number("rx-bytes", 0)
                    .number("tx-bytes", 0);
            List<Nvlist> aips = new ArrayList<>();
            for (IpPrefix prefix : peer.aips) {
                aips.add(Nvlist.builder()
                        .binary(prefix.isIpv4() ? "ipv4" : "ipv6", prefix.address().getAddress())
                        .number("cidr", prefix.length())
                        .build());
            }
            if (!aips.isEmpty()) {
                out.nvlistArray("allowed-ips", aips);
            }
            list.add(out.build());
        }
        if (!list.isEmpty()) {
            device.nvlistArray("peers", list);
        }
        byte[] packed;
        try {
            packed = NvlistCodec.pack(device.build());
        } catch (NvlistException e) {
            throw new IoctlException(BsdErrno.ENOMEM, "ENOMEM: " + e);
        }
        if (buffer.length == 0) {
            return packed.length;
        }
        if (buffer.length < packed.length) {
            throw new IoctlException(BsdErrno.ENOSPC, "ENOSPC");
        }
        System.arraycopy(packed, 0, buffer, 0, packed.length);
        return packed.length;
    }
}
