package dev.wireplug.adapters.wireguard.openbsd;

import dev.wireplug.adapters.wireguard.bsd.DeviceErrors;
import dev.wireplug.adapters.wireguard.bsd.IoctlException;
import dev.wireplug.adapters.wireguard.bsd.WgCodecException;
import dev.wireplug.adapters.wireguard.bsd.WgIoctl;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.net.InterfaceName;
import java.util.Objects;

/**
 * A WireGuard interface of OpenBSD's in-kernel wg(4), read with SIOCGWG and changed with SIOCSWG.
 * One SIOCSWG carries the whole change and the kernel applies it under its write lock, so a change
 * is atomic; "update only" peers use WG_PEER_UPDATE, which the kernel honours itself.
 */
final class OpenBsdWireGuardDevice implements WireGuardDevice {
    static final String BACKEND = "OpenBSD ioctl";

    /**
     * SIOCGWG is asked for the size first and then for the data; if peers are added in between,
     * the second answer is larger and the dance starts again. A few rounds are plenty.
     */
    private static final int SIZE_ROUNDS = 8;

    private final InterfaceName name;
    private final WgIoctl ioctl;

    OpenBsdWireGuardDevice(InterfaceName name, WgIoctl ioctl) {
        this.name = Objects.requireNonNull(name, "name");
        this.ioctl = Objects.requireNonNull(ioctl, "ioctl");
    }

    @Override
    public String backendName() {
        return BACKEND;
    }

    @Override
    public DeviceState read() throws DeviceException {
        byte[] buffer = new byte[0];
        try {
            for (int round = 0; round < SIZE_ROUNDS; round++) {
                // The kernel writes back the size it needs; when the buffer was big enough it also
                // filled it (wg_ioctl_get in sys/net/if_wg.c).
                long size = ioctl.get(name.value(), buffer);
                if (size <= buffer.length && buffer.length > 0) {
                    return OpenBsdWgCodec.decode(buffer, size);
                }
                if (size < OpenBsdWgCodec.INTERFACE_IO_SIZE || size > Integer.MAX_VALUE - 8) {
                    throw new WgCodecException("SIOCGWG asked for a buffer of " + size + " bytes");
                }
                buffer = new byte[(int) size];
            }
        } catch (IoctlException e) {
            throw DeviceErrors.ioctlFailed(name.value(), BACKEND, "read", e);
        } catch (WgCodecException e) {
            throw DeviceErrors.badReply(name.value(), BACKEND, e);
        }
        throw new DeviceException("cannot read WireGuard interface " + name + " through the " + BACKEND
                + ": its size kept growing over " + SIZE_ROUNDS + " SIOCGWG rounds");
    }

    @Override
    public void apply(DeviceChange change) throws DeviceException {
        byte[] data;
        try {
            data = OpenBsdWgCodec.encode(change);
        } catch (WgCodecException e) {
            throw DeviceErrors.unrepresentable(name.value(), BACKEND, e.getMessage());
        }
        try {
            ioctl.set(name.value(), data);
        } catch (IoctlException e) {
            throw DeviceErrors.ioctlFailed(name.value(), BACKEND, "change", e);
        }
    }
}
