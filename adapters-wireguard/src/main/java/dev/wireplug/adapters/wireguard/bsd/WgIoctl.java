package dev.wireplug.adapters.wireguard.bsd;

/**
 * The two WireGuard ioctls of a BSD kernel, SIOCGWG and SIOCSWG, on one interface. Both OpenBSD and
 * FreeBSD pass a {@code struct wg_data_io} holding the interface name, a user buffer and its size;
 * only the meaning of the buffer differs (C structs on OpenBSD, a packed nvlist on FreeBSD). Kept
 * as an interface so the device classes are tested without a BSD kernel.
 */
public interface WgIoctl {
    /**
     * SIOCGWG into {@code buffer} (which may be empty, the first call of the size dance).
     *
     * @return the {@code wgd_size} the kernel wrote back: the size it needs, or used
     */
    long get(String interfaceName, byte[] buffer) throws IoctlException;

    /** SIOCSWG with {@code data} as the whole buffer. */
    void set(String interfaceName, byte[] data) throws IoctlException;
}
