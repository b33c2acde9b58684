package dev.wireplug.adapters.wireguard;

import dev.wireplug.domain.config.WireGuardImplementation;
import java.util.Locale;

/**
 * Which WireGuard backend drives the interface, from {@code WireGuardImplementation} in the config:
 * {@code auto} takes the userspace UAPI socket when it exists (wireguard-go, boringtun, macOS),
 * else the kernel; the kernel is only an option where there is a kernel adapter.
 */
enum BackendChoice {
    USERSPACE,
    LINUX_KERNEL;

    static BackendChoice choose(WireGuardImplementation implementation, boolean uapiSocketExists, String osName) {
        boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        return switch (implementation) {
            case USERSPACE -> USERSPACE;
            case KERNEL -> {
                if (!linux) {
                    throw new IllegalStateException("WireGuardImplementation = kernel: no kernel WireGuard adapter for "
                            + osName + " yet; use userspace");
                }
                yield LINUX_KERNEL;
            }
            // Off Linux the only backend here is userspace: its error then names the missing socket.
            case AUTO -> uapiSocketExists || !linux ? USERSPACE : LINUX_KERNEL;
        };
    }
}
