package dev.wireplug.adapters.wireguard.freebsd;

import dev.wireplug.adapters.wireguard.bsd.BsdErrno;
import dev.wireplug.adapters.wireguard.bsd.DeviceErrors;
import dev.wireplug.adapters.wireguard.bsd.IoctlException;
import dev.wireplug.adapters.wireguard.bsd.WgCodecException;
import dev.wireplug.adapters.wireguard.bsd.WgIoctl;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.InterfaceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A WireGuard interface of FreeBSD's in-kernel if_wg (FreeBSD 13.2 and later): SIOCGWG and SIOCSWG
 * carrying a packed nvlist in {@code struct wg_data_io { char wgd_name[IFNAMSIZ]; void *wgd_data;
 * size_t wgd_size; }} (sys/dev/wg/if_wg.h). A change is one SIOCSWG, applied by wgc_set under the
 * softc lock.
 *
 * <p>The one thing FreeBSD cannot say is "update this peer only if it exists": wg_peer_add creates
 * any peer it does not know. Update-only peers are therefore checked against a read just before the
 * write, and dropped when absent; a peer removed by someone else between the two calls would come
 * back. The daemon is the only writer of its interface, so the window is accepted.
 */
final class FreeBsdWireGuardDevice implements WireGuardDevice {
    static final String BACKEND = "FreeBSD nvlist ioctl";

    private static final int SIZE_ROUNDS = 8;

    private final InterfaceName name;
    private final WgIoctl ioctl;

    FreeBsdWireGuardDevice(InterfaceName name, WgIoctl ioctl) {
        this.name = Objects.requireNonNull(name, "name");
        this.ioctl = Objects.requireNonNull(ioctl, "ioctl");
    }

    @Override
    public String backendName() {
        return BACKEND;
    }

    @Override
    public DeviceState read() throws DeviceException {
        try {
            for (int round = 0; round < SIZE_ROUNDS; round++) {
                // wgc_get: with wgd_size 0 it only reports the packed size; with a smaller buffer it
                // fails with ENOSPC (the list grew in between), and then we ask again.
                long size = ioctl.get(name.value(), new byte[0]);
                if (size <= 0 || size > Integer.MAX_VALUE - 8) {
                    throw new WgCodecException("SIOCGWG reported a packed nvlist of " + size + " bytes");
                }
                byte[] buffer = new byte[(int) size];
                long used;
                try {
                    used = ioctl.get(name.value(), buffer);
                } catch (IoctlException e) {
                    if (e.errno() == BsdErrno.ENOSPC) {
                        continue;
                    }
                    throw e;
                }
                if (used > buffer.length) {
                    continue;
                }
                return FreeBsdWgNvCodec.decode(NvlistCodec.unpack(buffer, (int) used));
            }
        } catch (IoctlException e) {
            throw DeviceErrors.ioctlFailed(name.value(), BACKEND, "read", e);
        } catch (WgCodecException e) {
            throw DeviceErrors.badReply(name.value(), BACKEND, e);
        } catch (NvlistException e) {
            throw DeviceErrors.badReply(name.value(), BACKEND, new WgCodecException("nvlist: " + e.getMessage()));
        }
        throw new DeviceException("cannot read WireGuard interface " + name + " through the " + BACKEND
                + ": its size kept growing over " + SIZE_ROUNDS + " SIOCGWG rounds");
    }

    @Override
    public void apply(DeviceChange change) throws DeviceException {
        DeviceChange resolved = resolveUpdateOnly(change);
        byte[] packed;
        try {
            packed = NvlistCodec.pack(FreeBsdWgNvCodec.encode(resolved));
        } catch (WgCodecException | NvlistException e) {
            throw DeviceErrors.unrepresentable(name.value(), BACKEND, e.getMessage());
        }
        try {
            ioctl.set(name.value(), packed);
        } catch (IoctlException e) {
            throw DeviceErrors.ioctlFailed(name.value(), BACKEND, "change", e);
        }
    }

    /** Drops update-only peers the device does not have, and makes the rest plain updates. */
    private DeviceChange resolveUpdateOnly(DeviceChange change) throws DeviceException {
        if (change.peers().stream().noneMatch(PeerChange::updateOnly)) {
            return change;
        }
        Set<PublicKey> existing = read().peers().stream().map(PeerState::publicKey).collect(Collectors.toSet());
        List<PeerChange> peers = new ArrayList<>();
        for (PeerChange peer : change.peers()) {
            if (!peer.updateOnly()) {
                peers.add(peer);
            } else if (existing.contains(peer.publicKey())) {
                peers.add(new PeerChange(peer.publicKey(), peer.remove(), false, peer.endpoint(),
                        peer.persistentKeepalive(), peer.allowedIps()));
            }
        }
        return new DeviceChange(change.privateKey(), change.listenPort(), change.fwmark(), change.replacePeers(),
                peers);
    }
}
